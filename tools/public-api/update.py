#!/usr/bin/env python3
"""Brings each package's PublicAPI.Unshipped.txt up to date with its code.

The public API analyzer (RS0016/RS0017) names every undeclared or vanished symbol in the exact form its files use,
also for generated code (the compiled catalog), which `dotnet format` cannot fix. This rebuilds each package, reads
those names from the build output and adds or removes them, so an API change is one command and a reviewed diff:

    python3 tools/public-api/update.py            # every package
    python3 tools/public-api/update.py KieGen.AI  # one package

Exit code 0 when the files are current afterwards, 1 when a build failed for another reason (its errors are printed).
"""
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PACKAGES = ["KieGen", "KieGen.AI", "KieGen.AspNetCore", "KieGen.PostgreSql", "KieGen.Testing"]
HEADER = "#nullable enable"

UNDECLARED = re.compile(r"RS0016: Symbol '(.*)' is not part of the declared public API")
VANISHED = re.compile(r"RS0017: Symbol '(.*)' is part of the declared API, but is either not public or could not be found")
ERROR = re.compile(r": error (?!RS001[67])[A-Z]+[0-9]+:")


def build(project):
    """Compiles every target framework from scratch (an up-to-date build runs no analyzer) and returns the output."""
    command = ["dotnet", "build", project, "-c", "Debug", "--no-incremental", "-p:TreatWarningsAsErrors=false",
               "-p:WarningsAsErrors=", "-nologo", "-clp:NoSummary"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True).stdout


def read(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip() and line.strip() != HEADER]


def write(path, entries):
    # Atomic: a reader (or an interrupted run) never sees half a file.
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER + "\n")
        for entry in sorted(set(entries), key=lambda e: (e.removeprefix("*REMOVED*"), e)):
            f.write(entry + "\n")
    os.replace(temporary, path)


def update(package):
    folder = os.path.join(ROOT, "runtime", package)
    output = build(os.path.join(folder, package + ".csproj"))
    errors = sorted({line.strip() for line in output.splitlines() if ERROR.search(line)})
    if errors:
        print(f"{package}: the build failed for another reason; nothing written:\n  " + "\n  ".join(errors))
        return False

    # A package's build compiles the packages it references too: keep only this project's diagnostics.
    own = [line for line in output.splitlines() if f"[{os.path.join(folder, package)}.csproj" in line]
    added = {m.group(1) for line in own for m in UNDECLARED.finditer(line)}
    vanished = {m.group(1) for line in own for m in VANISHED.finditer(line)}
    unshipped_path = os.path.join(folder, "PublicAPI.Unshipped.txt")
    shipped = set(read(os.path.join(folder, "PublicAPI.Shipped.txt")))
    unshipped = set(read(unshipped_path))
    # A shipped symbol that vanished is a breaking change: the convention records it as *REMOVED* in Unshipped.
    result = (unshipped - vanished) | added | {"*REMOVED*" + v for v in vanished & shipped}
    if result != unshipped or not os.path.exists(unshipped_path):
        write(unshipped_path, result)
    print(f"{package}: {len(added)} added, {len(vanished)} removed, {len(result)} unshipped entries")
    return True


def main(names):
    unknown = [n for n in names if n not in PACKAGES]
    if unknown:
        print(f"unknown package(s): {', '.join(unknown)}; the packages are {', '.join(PACKAGES)}", file=sys.stderr)
        return 2
    ok = all([update(p) for p in (names or PACKAGES)])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
