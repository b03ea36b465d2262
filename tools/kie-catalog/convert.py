#!/usr/bin/env python3
"""Writes one schema file (schemas/<category>/<id>.kie.json) per task-creating model of Kie's reference catalog.

    python3 tools/kie-catalog/convert.py            # (re)write the files
    python3 tools/kie-catalog/convert.py --check    # exit 1 if a file would change

Input: tests/Reference/kie-models-2026-10.json (the reference the catalog tests compare against) and
tools/kie-catalog/curation.json (hand curation, applied as a JSON merge patch per model id after conversion: the
readings taken where Kie's sources disagree, with the reason in the file's description).

What converts how:
- every `family: market` entry with known `params` gets a file under its current id; entries with `params: null`
  are listed (stderr) and get none, since nothing is invented;
- params keep their order, name, type, enum, default, limits, `format`, nested `items`/`properties`; the reference
  keeps item counts on `items`, JSON Schema puts them on the array; `hints` and `typeCorrectedFrom` go into the
  parameter's description; a parameter is required when the reference's params say so (the docs extract; where the
  docs registry's required list differs, the file's description says so);
- C# names chosen earlier (`csharpName`, `x-csharpName`, `x-enumNames`) are carried over from the file the model had
  before (same id, or its old id through the reference's idMap and param renames), so users' code keeps compiling;
  so are limits an earlier file took from the docs' prose where the reference gives none;
- files of ids the reference renamed (idMap) or retired get a `deprecated` member (replacedBy / reason; a retired
  one `"status": "retired"`) and are otherwise left as they are, for one release;
- enum values the reference lists as discontinued (`discontinuedValues`: Suno's V4..V5_5 in every ai-music-api/*
  model's `model` input) get an `x-enumDeprecated` marker (`"status": "discontinued"`, replaced by the first live
  value): still allowed, since Kie may accept them, but [Obsolete] in C# and a validation warning;
- `variants` (the input is a oneOf) become `oneOf` branches (title, own `required`, the shared properties outside;
  a branch is open and forbids, with `"key": false`, only the keys other branches require and it does not take):
  (--union keeps their union instead, with a note in the description, for generators without oneOf); a model's
  "branches" in curation.json are merge patches per branch title (limits the reference lost).
"""
import json
import os
import re
import sys
from collections import OrderedDict

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
REFERENCE = os.path.join(ROOT, "tests", "Reference", "kie-models-2026-10.json")
CURATION = os.path.join(os.path.dirname(__file__), "curation.json")
SCHEMAS = os.path.join(ROOT, "schemas")

LIMITS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern"]
ARRAY_LIMITS = ["minItems", "maxItems", "uniqueItems"]
# Namespaces stay where users found them: Kie files the Suno operations under audio, the catalog under music.
CATEGORY = {"ai-music-api/": "music"}
RESULT_BY_CATEGORY = {"image": "image", "video": "video", "audio": "audio"}


RENAMED_REASON = ("Kie moved it to the unified job API (POST /api/v1/jobs/createTask, snake_case input) under a new "
                  "id; its own route is only documented under Old Model and may stop answering")


RETIRED_REASON = ("Kie retired it in September 2026: its pages left Kie's docs and its id left the live model catalog, "
                  "and Kie names no successor")


# The reference says where its discontinued values apply in words ("all ai-music-api/* models with an inner `model`
# input"); this is that sentence as a rule: the model id prefix and the parameter.
DISCONTINUED_SCOPE = {"ai-music-api/": "model"}


def discontinued_reason(entry):
    live = entry["live"]
    return ("Kie's docs label it \"(Discontinued)\" as of October 2026; the versions Kie offers are "
            + ", ".join(live[:-1]) + " and " + live[-1] + ". Kie may still accept it")


def mark_discontinued(model, props, discontinued):
    """`x-enumDeprecated` on the values the reference lists as discontinued, where its scope says they apply."""
    name = next((p for prefix, p in DISCONTINUED_SCOPE.items() if model.startswith(prefix)), None)
    schema = props.get(name) if name else None
    if not isinstance(schema, dict) or not schema.get("enum"):
        return
    markers = OrderedDict()
    for entry in discontinued:
        replacement = next((v for v in entry["live"] if v in schema["enum"]), None)
        for value in schema["enum"]:
            if value in entry["values"]:
                marker = OrderedDict([("reason", discontinued_reason(entry))])
                if replacement is not None:
                    marker["replacedBy"] = replacement
                marker["status"] = "discontinued"
                markers[value] = marker
    if markers:
        schema["x-enumDeprecated"] = markers


def file_name(model):
    return model.replace("/", "-") + ".kie.json"


def load_existing():
    """The current schema files by model id: {id: (path, json)}."""
    existing = {}
    for folder, _, names in os.walk(SCHEMAS):
        for name in names:
            if name.endswith(".kie.json"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as f:
                    data = json.load(f, object_pairs_hook=OrderedDict)
                existing[data["model"]] = (path, data)
    return existing


def convert_param(p):
    schema = OrderedDict()
    kind = p.get("type")
    if kind in ("string", "integer", "number", "boolean", "array", "object"):
        schema["type"] = kind
    if p.get("enum") is not None:
        schema["enum"] = p["enum"]
    if p.get("default") is not None:
        schema["default"] = p["default"]
    for keyword in LIMITS:
        if p.get(keyword) is not None:
            schema[keyword] = p[keyword]
    if p.get("format") == "uri":
        schema["format"] = "uri"
    items = p.get("items")
    if items:
        for keyword in ARRAY_LIMITS:
            if items.get(keyword) is not None:
                schema[keyword] = items[keyword]
        item_schema = OrderedDict()
        if items.get("type") in ("string", "integer", "number", "boolean", "array", "object"):
            item_schema["type"] = items["type"]
        if items.get("format") == "uri":
            item_schema["format"] = "uri"
        if items.get("enum") is not None:
            item_schema["enum"] = items["enum"]
        if items.get("minimum") is not None:
            item_schema["minimum"] = items["minimum"]
        if items.get("properties"):
            object_schema(items["properties"], item_schema)
        schema["items"] = item_schema
    if p.get("properties"):
        object_schema(p["properties"], schema)
    if p.get("deprecated"):
        schema["deprecated"] = True
    description = (p.get("description") or "").strip()
    if len(description) == 160:
        description += "…"  # the docs extract cut it here
    notes = []
    if kind not in (None, "string", "integer", "number", "boolean", "array", "object"):
        notes.append(f"Kie types it {kind}: any JSON value of those kinds is accepted")
    if p.get("hints"):
        notes.append("; ".join(p["hints"]))
    if p.get("typeCorrectedFrom"):
        notes.append(f"the docs' schema says {p['typeCorrectedFrom']}, its text and examples a {kind}; the latter is taken")
    if p.get("recoveredFrom"):
        notes.append("restored from the August contract: the late-September docs extract dropped it")
    if notes:
        description = (description + " " if description else "") + "(" + "; ".join(notes) + ".)"
    if description:
        schema["description"] = description
    return schema


def object_schema(params, schema):
    schema.setdefault("type", "object")
    schema["properties"] = OrderedDict((p["name"], convert_param(p)) for p in params)
    required = [p["name"] for p in params if p.get("required")]
    if required:
        schema["required"] = required
    # No additionalProperties false: Kie accepts members it does not know (recorded: a Veo body with aspectRatio ran),
    # so an undeclared member is a warning naming the member meant, never a block (schemas/README, validation policy).
    return schema


def carry_over(new_props, old_props, renames):
    """C# names and prose limits an earlier file chose, for parameters that still exist."""
    back = {v: k for k, v in renames.items()}
    for name, schema in new_props.items():
        old = old_props.get(name) or old_props.get(back.get(name, "\0"))
        if not isinstance(old, dict):
            continue
        if "x-csharpName" in old:
            schema["x-csharpName"] = old["x-csharpName"]
        if "x-enumNames" in old and "enum" in schema:
            names = OrderedDict((k, v) for k, v in old["x-enumNames"].items() if any(str(e) == k for e in schema["enum"]))
            if names:
                schema["x-enumNames"] = names
        for keyword in LIMITS + ARRAY_LIMITS:
            if keyword in old and keyword not in schema and schema.get("type") == old.get("type"):
                schema[keyword] = old[keyword]
        if isinstance(schema.get("items"), dict) and isinstance(old.get("items"), dict):
            if "properties" in schema["items"] and "properties" in old["items"]:
                carry_over(schema["items"]["properties"], old["items"]["properties"], {})
        if "properties" in schema and "properties" in old:
            carry_over(schema["properties"], old["properties"], {})


def convert(entry, old, renames, one_of, branch_patches, discontinued=()):
    model = entry["model"]
    category = next((c for prefix, c in CATEGORY.items() if model.startswith(prefix)), entry["category"])
    result = RESULT_BY_CATEGORY.get(entry["category"], "object")
    if old is not None and old.get("result"):
        result = old["result"]
    elif model.startswith("ai-music-api/"):
        result = "music"
    data = OrderedDict()
    data["$schema"] = "../kie-model.schema.json"
    data["model"] = model
    data["family"] = "market"
    data["category"] = category
    data["result"] = result
    title = entry.get("docTitle")
    if not title or title == model:  # some pages carry no title but the id
        title = (old or {}).get("title") or (entry.get("catalogEntry") or {}).get("title") or model
    data["title"] = title
    if old is not None and old.get("csharpName"):
        data["csharpName"] = old["csharpName"]
    description = []
    lifecycle = entry.get("lifecycle") or {}
    if lifecycle.get("status") == "renamed":
        description.append(f"Formerly {lifecycle['oldId']} ({lifecycle['oldEndpoint']}).")
    registry = set(entry.get("registryRequiredInput") or [])
    required = set(entry.get("inputRequired") or [])
    if registry != required and registry:
        description.append(
            "Required set from the docs page's schema ("
            + (", ".join(sorted(required)) or "none")
            + "); Kie's docs registry lists "
            + ", ".join(sorted(registry))
            + ": the page's own schema is taken.")
    data["description"] = " ".join(description)  # the docs link goes last, after any curated notes
    data["input"] = object_schema(entry["params"], OrderedDict())
    if old is not None and isinstance(old.get("input"), dict):
        carry_over(data["input"]["properties"], old["input"].get("properties") or {}, renames)
    infer_roles(category, data["input"]["properties"])
    mark_discontinued(model, data["input"]["properties"], discontinued)
    variants = entry.get("variants")
    if variants:
        if one_of:
            add_one_of(data["input"], variants, branch_patches)
        else:
            data["description"] += (
                " Kie's input is a oneOf of " + str(len(variants)) + " shapes ("
                + "; ".join(v["title"] + ": " + ", ".join(v["required"]) for v in variants)
                + "); this file keeps their union until the generator takes oneOf.")
    return data


# x-kie-role by wire name, for the categories generic adapters serve; a role is set only when exactly one parameter
# of the model claims it (image_url and image_urls side by side stay unmarked rather than guessed).
ROLE_CATEGORIES = ("image", "audio")
ROLES_BY_NAME = {
    "prompt": "prompt", "negative_prompt": "negative-prompt",
    "image_urls": "image-input", "input_urls": "image-input", "image_input": "image-input", "image_url": "image-input",
    "image": "image-input",
    "mask_url": "mask-input",
    "aspect_ratio": "aspect-ratio", "num_images": "count", "n": "count", "output_format": "output-format",
    "seed": "seed", "text": "text", "voice": "voice", "audio_url": "audio-input", "language_code": "language",
    "dialogue_turns": "dialogue", "speakers": "speakers",
}
RATIO = re.compile(r"^(\d+:\d+|auto)$")
PIXELS = re.compile(r"^(\d+x\d+|auto)$")


def infer_roles(category, props):
    """Marks parameters whose role the name (or, for image_size/size, the enum values) makes unambiguous."""
    if category not in ROLE_CATEGORIES:
        return
    claims = {}
    for name, schema in props.items():
        role = ROLES_BY_NAME.get(name)
        if name == "speed" and category == "audio" and schema.get("type") == "number":
            role = "speed"  # image models' "speed" is a quality/latency trade-off, not a rate
        values = [str(v) for v in schema.get("enum") or []]
        if name in ("image_size", "size") and values:
            if all(RATIO.match(v) for v in values):
                role = "aspect-ratio"
            elif all(PIXELS.match(v) for v in values):
                role = "size"
        if role is not None:
            claims.setdefault(role, []).append(name)
    for role, names in claims.items():
        if len(names) == 1 and "x-kie-role" not in props[names[0]]:
            props[names[0]]["x-kie-role"] = role


def add_one_of(schema, variants, branch_patches):
    """
    Each variant becomes a branch naming its keys (`true`: the shared declaration types them) and its required set.
    A branch stays open, as in JSON Schema: a member it does not list is still allowed there (Kie's documented
    Kling 3.0 Omni examples send customize_multi_shots with a video, multi_prompt with images and a video). So that a
    body still matches exactly one branch, where the variants list every key of the model a branch forbids
    (`"key": false`) each key another branch requires and this one does not list: two branches then exclude each
    other whenever one requires a key the other does not take, as the former closed branches did; branches that both
    take each other's required keys are told apart by their values (item counts, enums), as before. Where the
    variants list only their own keys (Suno: shared fields sit outside the oneOf), the branch leaves the rest to the
    shared schema. Per-branch limits the reference lost come from curation.
    """
    props = schema["properties"]
    complete = set().union(*(v["keys"] for v in variants)) == set(props)
    branches = []
    for v in variants:
        branch = OrderedDict()
        branch["title"] = v["title"]
        # The shared declaration types and documents each key; a branch only says which keys it takes.
        branch["properties"] = OrderedDict((k, True) for k in v["keys"] if k in props)
        if complete:
            for other in variants:
                for k in other["required"]:
                    if k in props and k not in v["keys"] and k not in branch["properties"]:
                        branch["properties"][k] = False
        branch["required"] = [k for k in v["required"] if k in props]
        if v["title"] in branch_patches:
            branch = merge_patch(branch, branch_patches[v["title"]])
        branches.append(branch)
    schema["oneOf"] = branches


def dumps(value, indent=0):
    """Compact where it fits on a line, indented where not: the catalog's hand-written style."""
    one_line = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if len(one_line) + indent <= 118 or not isinstance(value, (dict, list)) or not value:
        return one_line
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        body = [pad + json.dumps(k, ensure_ascii=False) + ": " + dumps(v, indent + 2) for k, v in value.items()]
        return "{\n" + ",\n".join(body) + "\n" + " " * indent + "}"
    if all(not isinstance(v, (dict, list)) for v in value):
        return one_line
    return "[\n" + ",\n".join(pad + dumps(v, indent + 2) for v in value) + "\n" + " " * indent + "]"


def merge_patch(target, patch):
    if not isinstance(patch, dict):
        return patch
    if not isinstance(target, dict):
        target = OrderedDict()
    for key, value in patch.items():
        if key.startswith("//"):
            continue
        if value is None:
            target.pop(key, None)
        else:
            target[key] = merge_patch(target.get(key), value)
    return target


def main():
    check = "--check" in sys.argv
    one_of = "--union" not in sys.argv
    with open(REFERENCE, encoding="utf-8") as f:
        reference = json.load(f, object_pairs_hook=OrderedDict)
    with open(CURATION, encoding="utf-8") as f:
        curation = json.load(f, object_pairs_hook=OrderedDict)
    existing = load_existing()
    old_ids = {m["newId"]: (m["oldId"], m.get("paramRenames") or {}) for m in reference["idMap"]}
    changed, skipped = [], []
    for entry in reference["models"]:
        if entry["family"] != "market":
            continue
        model = entry["model"]
        if entry["params"] is None:
            skipped.append(model)
            continue
        old_id, renames = old_ids.get(model, (model, {}))
        old = existing.get(model) or existing.get(old_id)
        patch = OrderedDict(curation.get(model) or {})
        branch_patches = patch.pop("branches", None) or {}
        data = convert(entry, old[1] if old else None, renames, one_of, branch_patches, reference.get("discontinuedValues") or [])
        if patch:
            notes = patch.pop("notes", None)
            if notes:
                data["description"] += " " + notes
            data = merge_patch(data, patch)
        data["description"] = (data["description"] + " Docs: " + entry["docUrl"]).strip()
        text = dumps(data) + "\n"
        path = existing[model][0] if model in existing else os.path.join(SCHEMAS, data["category"], file_name(model))
        current = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if current != text:
            changed.append(os.path.relpath(path, ROOT))
            if not check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    # Files of ids Kie renamed or retired stay one release as deprecated types.
    renamed = {m["oldId"]: m["newId"] for m in reference["idMap"]}
    retired = {r["oldId"]: r["evidence"] for r in reference["retiredOrAbsent"] if r["status"].startswith("retired")}
    for model, (path, data) in sorted(existing.items()):
        if model in renamed:
            marker = OrderedDict([("replacedBy", renamed[model]), ("reason", RENAMED_REASON)])
        elif model in retired:
            marker = OrderedDict([("reason", RETIRED_REASON), ("status", "retired")])
        else:
            continue
        updated = OrderedDict()
        for key, value in data.items():
            if key != "deprecated":
                updated[key] = value
            if key == "description":
                updated["deprecated"] = marker
        text = dumps(updated) + "\n"
        if open(path, encoding="utf-8").read() != text:
            changed.append(os.path.relpath(path, ROOT))
            if not check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    for model in skipped:
        print(f"no file (parameters not found in the reference): {model}", file=sys.stderr)
    print(f"{len(changed)} file(s) {'differ' if check else 'written'}", file=sys.stderr)
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
