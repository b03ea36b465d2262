#!/usr/bin/env bash
# Checks a schema folder against Kie's live catalog and writes what Kie changed into it: the scheduled workflow
# (.github/workflows/kie-drift.yml) runs exactly this, and so can anyone by hand:
#
#   KIE_API_KEY=... tools/kie-drift/check.sh [folder]        # folder: default schemas/ of this repository
#
# It runs `kiegen diff <folder> --include-new --update-changed --json ...`: new models' files are added, a renamed
# model's file is added under its new id (the old file kept), changed files are rewritten (the team's x- annotations
# kept); retired models are only reported. Into $KIE_DRIFT_OUT (default: a new temporary folder) it writes
# report.txt (the diff's lines), report.json (the same, for machines) and, on drift, pr-body.md.
#
# Environment: KIE_API_KEY (required); KIE_BASE_URL (another server, e.g. KieGen.Testing's fake); KIEGEN_DLL (a built
# KieGen.Cli.dll to run; default: tools/KieGen.Cli is built first).
# Exit codes are kiegen diff's: 0 no drift, 1 drift found (files written), 2 could not check.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
folder="${1:-$repo/schemas}"
out="${KIE_DRIFT_OUT:-$(mktemp -d)}"
mkdir -p "$out" || exit 2

if [ -z "${KIE_API_KEY:-}" ]; then
  echo "error: KIE_API_KEY is empty. Set it to a Kie API key; in GitHub, add a repository secret named KIE_API_KEY (Settings > Secrets and variables > Actions)." >&2
  exit 2
fi

dll="${KIEGEN_DLL:-}"
if [ -z "$dll" ]; then
  echo "Building kiegen ..." >&2
  if ! dotnet build "$repo/tools/KieGen.Cli/KieGen.Cli.csproj" -c Release -o "$out/kiegen" >&2; then
    echo "error: kiegen did not build." >&2
    exit 2
  fi
  dll="$out/kiegen/KieGen.Cli.dll"
fi

args=(diff "$folder" --include-new --update-changed --json "$out/report.json")
if [ -n "${KIE_BASE_URL:-}" ]; then
  args+=(--base-url "$KIE_BASE_URL")
fi

dotnet "$dll" "${args[@]}" | tee "$out/report.txt"
code=${PIPESTATUS[0]}

if [ "$code" -eq 1 ]; then
  {
    echo "## Kie's catalog changed"
    echo
    echo "\`kiegen diff\` (tools/kie-drift/check.sh) found:"
    echo
    echo '```text'
    cat "$out/report.txt"
    echo '```'
    echo
    echo "- New models' files were added. A renamed model's file was added under its new id (same parameters, your"
    echo "  C# names carried over) and the old file kept: mark it \`deprecated\` or remove it when users have moved."
    echo "- Changed files were rewritten from Kie's current schema; your \`x-\` annotations were kept."
    echo "- Retired models' files are untouched: mark them \`deprecated\` or remove them."
  } >"$out/pr-body.md"
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  if [ -f "$out/pr-body.md" ]; then cat "$out/pr-body.md"; else echo "kiegen diff exited $code: $(tail -n 1 "$out/report.txt" 2>/dev/null)"; fi >>"$GITHUB_STEP_SUMMARY"
fi

echo "Report: $out (exit code $code)" >&2
exit "$code"
