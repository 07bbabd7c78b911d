"""The payload write contract (README, "Writing payloads"), kept by a writer outside the registry.

``check_payload`` refuses what the API refuses: a disabled version, ``data`` that does not validate against
the version's definition (jsonschema, under the version's dialect), documents beyond the size and depth
limits, and integers a 64-bit float cannot hold exactly. ``payload_items`` builds the payload with
``schema_name``/``schema_version`` copied from the version, revision 1, and its index entries.
"""

from __future__ import annotations

import json
import zlib
from typing import Any, Mapping

import jsonschema

MAX_DATA_BYTES = 256 * 1024
MAX_META_BYTES = 16 * 1024
MAX_DATA_DEPTH = 256
MAX_SAFE_INTEGER = 2**53 - 1
MAX_INDEXED_VALUE = 512
INDEX_KEYWORD = "x-registry-index"

_VALIDATORS = {"2020-12": jsonschema.Draft202012Validator, "2019-09": jsonschema.Draft201909Validator, "draft-07": jsonschema.Draft7Validator}


class PayloadRefusedError(ValueError):
    """The payload breaks the write contract; ``errors`` lists why, as the API's problem ``errors`` would."""

    def __init__(self, message: str, errors: list[dict[str, str]] | None = None):
        super().__init__(message)
        self.errors = errors or []


def _depth_and_numbers(value: Any, path: str) -> tuple[int, list[str]]:
    deepest, bad = 0, []
    pending = [(value, 1, path)]
    while pending:
        node, depth, where = pending.pop()
        if isinstance(node, bool):
            continue
        if isinstance(node, int) and abs(node) > MAX_SAFE_INTEGER:
            bad.append(where)
        if isinstance(node, float) and node != node or node in (float("inf"), float("-inf")):
            bad.append(where)
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            children = node.items() if isinstance(node, dict) else enumerate(node)
            pending += [(child, depth + 1, f"{where}/{key}") for key, child in children]
    return deepest, bad


def check_payload(version: Mapping[str, Any], data: Any, meta: Any = None) -> None:
    """Raises PayloadRefusedError unless ``data`` (and ``meta``) may be stored under ``version``."""
    if version.get("state") == "disabled":
        raise PayloadRefusedError(f"schema version {version['name']} v{version['version']} is disabled: it accepts no new payloads")
    for field, value, limit in (("data", data, MAX_DATA_BYTES), ("meta", meta, MAX_META_BYTES)):
        if value is None and field == "meta":
            continue
        depth, bad = _depth_and_numbers(value, f"/{field}")
        if depth > MAX_DATA_DEPTH:
            raise PayloadRefusedError(f"{field} nests deeper than {MAX_DATA_DEPTH} levels", [{"path": f"/{field}", "keyword": "maxDepth", "message": "too deep"}])
        if bad:
            raise PayloadRefusedError(f"{field} holds a number that cannot be stored exactly at {bad[0]}", [{"path": p, "keyword": "number", "message": "not exact"} for p in bad])
        if len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")) > limit:
            raise PayloadRefusedError(f"{field} is larger than {limit} bytes of JSON")
    definition = json.loads(version["definition"]) if isinstance(version["definition"], str) else version["definition"]
    validator = _VALIDATORS.get(version.get("dialect") or "2020-12", jsonschema.Draft202012Validator)
    errors = sorted(validator(definition, format_checker=validator.FORMAT_CHECKER).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        raise PayloadRefusedError(
            f"data does not match schema {version['name']} version {version['version']}",
            [{"path": "/" + "/".join(str(p) for p in e.absolute_path), "keyword": str(e.validator), "message": e.message} for e in errors],
        )


def encode_value(value: Any) -> str | None:
    """The key text of an indexed value, as lib/payloads/index-entries.ts makes it (None: not indexed)."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, float)):
        text = json.dumps(value)
    elif isinstance(value, str) and value:
        text = value
    else:
        return None
    return "".join(ch if 0x20 < ord(ch) < 0x7F and ch not in "#%" else "".join(f"%{b:02X}" for b in ch.encode("utf-8")) for ch in text)


def payload_shard(payload_id: str, shards: int) -> int:
    """The listing shard of a payload (README, "Hot schemas"): CRC-32 of its id's ASCII bytes modulo the schema's shard count."""
    return zlib.crc32(payload_id.encode("ascii")) % shards


def payload_items(version: Mapping[str, Any], payload: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The payload attributes (schema fields copied from ``version``, revision 1) and its index entries' attributes."""
    definition = json.loads(version["definition"]) if isinstance(version["definition"], str) else version["definition"]
    fields = [f for f in (definition.get(INDEX_KEYWORD, []) if isinstance(definition, dict) else []) if isinstance(f, str)]
    item = {**payload, "workspace_id": version["workspace_id"], "schema_ref": version["id"], "schema_name": version["name"], "schema_version": version["version"], "revision": 1}
    if fields:
        item["indexed_fields"] = fields
    entries = []
    for field in fields:
        value = encode_value(payload["data"].get(field) if isinstance(payload["data"], dict) else None)
        if value is None:
            continue
        if len(value) > MAX_INDEXED_VALUE:
            raise PayloadRefusedError(f"data/{field} is indexed and longer than {MAX_INDEXED_VALUE} characters of key text")
        entries.append({k: v for k, v in item.items() if k not in ("indexed_fields", "shard")} | {"field": field, "value": value})
    return item, entries
