"""Reads and writes the registry's DynamoDB table with boto3, through schema.yaml's access patterns only.

Reads are GetItem or Query, as each access pattern declares; there is no Scan. Writes build every key the
record type declares, set the entity identifiers the TypeScript side (ElectroDB) uses to recognise items,
and are refused while the table's `registry_meta` item records another major version of schema.yaml, or
records that `npm run migrate-table` holds the table (`state` migrating or migrated).
"""

from __future__ import annotations

import heapq
import json
import os
import re
import time
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Mapping

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.config import Config
from botocore.exceptions import ClientError

from .design import NO_DEFAULT, Attribute, Design, Index, RecordType, major_version
from .keys import build_key, build_prefix
from .payloads import PayloadRefusedError, check_payload, payload_items, payload_shard

#: The record type holding the table's design identity (one item).
DESIGN_RECORD_TYPE = "registry_meta"

#: A writer re-reads the design record after this many seconds, as the TypeScript guard does
#: (DESIGN_RECHECK_MS), so a migration's mark reaches it before the migration starts copying.
DESIGN_RECHECK_SECONDS = 5.0


class DesignMismatchError(Exception):
    """The table holds items of another major version of schema.yaml: writing would mix key layouts."""

    def __init__(self, table_name: str, recorded: str, current: str):
        super().__init__(
            f'table "{table_name}" records schema.yaml {recorded} (major {major_version(recorded)}), but this reader '
            f"follows schema.yaml {current} (major {major_version(current)}). Key patterns differ between major "
            "versions, so writing here would mix two layouts. Migrate the table's data to the new design first, "
            "or point the reader at another table."
        )
        self.table_name = table_name
        self.recorded = recorded
        self.current = current


class TableMigratingError(Exception):
    """The table is half-way through a migration to another layout, or its data moved to another table."""

    def __init__(self, table_name: str, check: Mapping[str, Any]):
        other = f' (the other table: "{check["migration_table"]}")' if check.get("migration_table") else ""
        to = check.get("migration_to_version", "?")
        if check.get("state") == "migrating":
            message = (f'table "{table_name}" is being migrated from schema.yaml {check["recorded"]} to {to}{other}, '
                       "so no writer may write it until `npm run migrate-table` cuts over or rolls back; reads still work.")
        else:
            message = f'table "{table_name}" was migrated to schema.yaml {to}{other}; its items are no longer maintained here.'
        super().__init__(message)
        self.table_name = table_name
        self.state = check.get("state")


class ItemError(ValueError):
    """An item does not satisfy its record type's attribute definitions."""


class ItemExistsError(Exception):
    """An item with the same primary key is already stored; items are created, never overwritten."""


def check_recorded_design(table_name: str, recorded_version: str, design: Design) -> None:
    """Refuses a recorded design of another major version; any minor or patch of the same major is fine."""
    if major_version(recorded_version) != design.major:
        raise DesignMismatchError(table_name, recorded_version, design.version)


def check_writable(table_name: str, check: Mapping[str, Any]) -> None:
    """Refuses a table a migration holds (``check_design``'s ``state`` migrating or migrated); absent, in records before 2.6.0, is active."""
    if check.get("state", "active") != "active":
        raise TableMigratingError(table_name, check)


_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_ulid(now_ms: int | None = None) -> str:
    """A ULID: 48 bits of Unix milliseconds then 80 random bits, in Crockford base 32."""
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    value = (ms << 80) | int.from_bytes(os.urandom(10), "big")
    return "".join(_CROCKFORD[(value >> (5 * i)) & 31] for i in reversed(range(26)))


def now_iso() -> str:
    """ISO-8601 UTC with milliseconds, as the registry writes timestamps."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _utf16_length(s: str) -> int:
    # max_length counts UTF-16 code units, as JavaScript's String.length does.
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


def _check_value(rt: RecordType, attr: Attribute, value: Any) -> Any:
    """The DynamoDB form of one attribute value, or ItemError naming the rule it breaks."""
    where = f'{rt.name}.{attr.name}'
    t = attr.type
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    ok = {
        "string": isinstance(value, str),
        "integer": number and float(value).is_integer(),
        "number": number,
        "boolean": isinstance(value, bool),
        "map": isinstance(value, dict),
        "list": isinstance(value, list),
        "string_set": isinstance(value, (set, list, tuple)) and len(value) > 0 and all(isinstance(v, str) for v in value),
        "json": True,
    }[t]
    if not ok:
        raise ItemError(f"{where} must be of type {t}, got {value!r}")
    if attr.enum is not None and value not in attr.enum:
        raise ItemError(f"{where} must be one of {list(attr.enum)}, got {value!r}")
    if t == "string":
        if attr.max_length is not None and _utf16_length(value) > attr.max_length:
            raise ItemError(f"{where} is longer than {attr.max_length} characters")
        if attr.pattern is not None and not re.search(attr.pattern, value):
            raise ItemError(f"{where} {value!r} does not match {attr.pattern}")
    if number and attr.minimum is not None and value < attr.minimum:
        raise ItemError(f"{where} must be at least {attr.minimum}, got {value}")
    if t == "json":
        # The stored form is JSON text; the TypeScript side parses it back with JSON.parse.
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    if t == "integer":
        return int(value)
    if t == "number" and isinstance(value, float):
        return Decimal(repr(value))
    if t == "string_set":
        return set(value)
    return value


def _default(attr: Attribute) -> Any:
    if attr.default == "now":
        return now_iso()
    if attr.default == "now_epoch_seconds":
        return int(time.time())
    if attr.default == "ulid":
        return new_ulid()
    return attr.default


def _family_regex(rt: RecordType):
    return [(f, re.compile(re.escape(f.template).replace(re.escape("{" + f.placeholder + "}"), "(.+)"))) for f in rt.families]


def build_item(design: Design, record_type: str, attributes: Mapping[str, Any]) -> dict[str, Any]:
    """The complete item: checked attributes with defaults, every declared key, the entity identifiers."""
    rt = design.record_type(record_type)
    families = _family_regex(rt)
    values = {k: v for k, v in attributes.items() if v is not None}
    item: dict[str, Any] = {}
    for name, value in values.items():
        attr = rt.attributes.get(name)
        if attr is None:
            member = next((f for f, rx in families if (m := rx.fullmatch(name)) and re.search(f.placeholder_pattern, m.group(1))), None)
            if member is None:
                raise ItemError(f'"{name}" is not an attribute of {rt.name} (declared: {", ".join(rt.attributes)})')
            attr = member.attribute
        item[name] = _check_value(rt, attr, value)
    for name, attr in rt.attributes.items():
        if name not in item and attr.default is not NO_DEFAULT:
            values[name] = _default(attr)
            item[name] = _check_value(rt, attr, values[name])
        if attr.required and name not in item:
            raise ItemError(f'{rt.name}.{name} is required')
    # Keys are built from the caller's values (integers unpadded), not from the stored forms.
    item.update(design.item_keys(record_type, values))
    item[design.entity_identifiers["entity"]] = rt.entity
    item[design.entity_identifiers["version"]] = rt.entity_version
    return item


def decode_item(design: Design, rt: RecordType, raw: Mapping[str, Any]) -> dict[str, Any]:
    """A stored item as plain values: declared attributes (json ones parsed) and family members."""
    deserializer = TypeDeserializer()
    item = {k: deserializer.deserialize(v) for k, v in raw.items()}
    out: dict[str, Any] = {}

    def plain(attr: Attribute, value: Any) -> Any:
        if attr.type == "json":
            return json.loads(value)
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return value

    for name, attr in rt.attributes.items():
        if name in item:
            out[name] = plain(attr, item[name])
    for f, rx in _family_regex(rt):
        for name in item:
            if name not in out and rx.fullmatch(name):
                out[name] = plain(f.attribute, item[name])
    return out


class RegistryTable:
    """The registry table seen through schema.yaml. Reads never write; the first write checks the design."""

    def __init__(self, design: Design, table_name: str | None = None, *, endpoint_url: str | None = None, region_name: str | None = None, client: Any = None, writer: str = "system:python-reader"):
        self.design = design
        self.table_name = table_name or design.table_name
        self.writer = writer
        if client is None:
            # DynamoDB Local accepts any credentials; fixed ones keep local runs independent of AWS settings.
            local = {"aws_access_key_id": "local", "aws_secret_access_key": "local"} if endpoint_url else {}
            client = boto3.session.Session().client(
                "dynamodb",
                endpoint_url=endpoint_url,
                region_name=region_name or os.environ.get("AWS_REGION") or "us-east-1",
                config=Config(connect_timeout=5, retries={"mode": "standard", "max_attempts": 3}),
                **local,
            )
        self.client = client
        self._serializer = TypeSerializer()
        self._design_checked_at: float | None = None

    # ---- reads ----

    def key_condition(self, access_pattern: str, values: Mapping[str, Any], partial: str | None = None) -> tuple[str, str]:
        """The partition key and the sort key (`equals`) or sort-key prefix (`begins_with`) of a read."""
        ap = self.design.access_pattern(access_pattern)
        k = self.design.record_type(ap.record_type).keys[ap.index]
        if ap.sort_key == "equals":
            return build_key(k.pk, values), build_key(k.sk, values)
        return build_key(k.pk, values), build_prefix(k.sk, {a: values[a] for a in k.sk.attributes if a in values}, partial)

    def get(self, access_pattern: str, values: Mapping[str, Any]) -> dict[str, Any] | None:
        """The one item of an `equals` access pattern: GetItem on the primary index, a Query on a GSI."""
        ap = self.design.access_pattern(access_pattern)
        if ap.sort_key != "equals":
            raise ValueError(f'access pattern "{ap.name}" lists items (begins_with); use query()')
        rt = self.design.record_type(ap.record_type)
        ix = self.design.index(ap.index)
        pk, sk = self.key_condition(ap.name, values)
        if ap.operation == "GetItem":
            out = self.client.get_item(TableName=self.table_name, Key={ix.partition_key: {"S": pk}, ix.sort_key: {"S": sk}}, ConsistentRead=True)
            raws = [out["Item"]] if "Item" in out else []
        else:
            raws = self._query(ix, "#pk = :pk AND #sk = :sk", pk, sk, forward=True, limit=None, rt=rt)
        found = [r for r in raws if self._is(rt, r)]
        return decode_item(self.design, rt, found[0]) if found else None

    def query(self, access_pattern: str, values: Mapping[str, Any], *, partial: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """The items of a `begins_with` access pattern, in its declared order.

        A sharded pattern is read from every shard of the schema (its head's ``payload_shards``) and merged
        by sort key; a filtered one keeps the items whose ``filter_by`` attribute equals the value given.
        From an index that does not hold every attribute, the whole items are read from the table.
        """
        ap = self.design.access_pattern(access_pattern)
        if ap.sort_key != "begins_with":
            raise ValueError(f'access pattern "{ap.name}" finds one item (equals); use get()')
        rt = self.design.record_type(ap.record_type)
        ix = self.design.index(ap.index)
        filters = {ap.filter_by: values[ap.filter_by]} if ap.filter_by else {}
        shards = range(self.shard_count(values["workspace_id"], values["schema_name"])) if ap.sharded_by else [None]
        runs = []
        for shard in shards:
            pk, prefix = self.key_condition(ap.name, {**values, **({ap.sharded_by: shard} if ap.sharded_by else {})}, partial)
            runs.append(self._query(ix, "#pk = :pk AND begins_with(#sk, :sk)", pk, prefix, forward=ap.order == "ascending", limit=limit, rt=rt, filters=filters))
        # Each run is in sort-key order; merging them keeps that order across shards.
        raws = list(heapq.merge(*runs, key=lambda r: r[ix.sort_key]["S"], reverse=ap.order != "ascending"))[:limit]
        if ix.projection != "ALL":
            raws = self._whole(raws)
        return [decode_item(self.design, rt, r) for r in raws]

    def shard_count(self, workspace_id: str, schema_name: str) -> int:
        """How many listing shards a schema's payloads are spread over (README, "Hot schemas"); 1 before any raise."""
        head = self.get("schema_by_name", {"workspace_id": workspace_id, "name": schema_name})
        return int(head.get("payload_shards", 1)) if head else 1

    def _whole(self, raws: list[dict]) -> list[dict]:
        """The table's items for index items that hold only some attributes, in the same order (BatchGetItem)."""
        pk, sk = self.design.primary.partition_key, self.design.primary.sort_key
        keys = [{pk: r[pk], sk: r[sk]} for r in raws]
        found: dict[tuple, dict] = {}
        for start in range(0, len(keys), 100):
            pending = keys[start : start + 100]
            while pending:
                out = self.client.batch_get_item(RequestItems={self.table_name: {"Keys": pending}})
                for item in out.get("Responses", {}).get(self.table_name, []):
                    found[(item[pk]["S"], item[sk]["S"])] = item
                pending = out.get("UnprocessedKeys", {}).get(self.table_name, {}).get("Keys", [])
        return [found[k] for k in ((r[pk]["S"], r[sk]["S"]) for r in raws) if k in found]

    def _is(self, rt: RecordType, raw: Mapping[str, Any]) -> bool:
        ids = self.design.entity_identifiers
        return raw.get(ids["entity"]) == {"S": rt.entity} and raw.get(ids["version"]) == {"S": rt.entity_version}

    def _query(self, ix: Index, condition: str, pk: str, sk: str, *, forward: bool, limit: int | None, rt: RecordType, filters: Mapping[str, Any] | None = None) -> list[dict]:
        params: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": condition,
            "ExpressionAttributeNames": {"#pk": ix.partition_key, "#sk": ix.sort_key},
            "ExpressionAttributeValues": {":pk": {"S": pk}, ":sk": {"S": sk}},
            "ScanIndexForward": forward,
        }
        for n, (name, value) in enumerate((filters or {}).items()):
            params["ExpressionAttributeNames"][f"#f{n}"] = name
            params["ExpressionAttributeValues"][f":f{n}"] = self._serializer.serialize(value)
        if filters:
            params["FilterExpression"] = " AND ".join(f"#f{n} = :f{n}" for n in range(len(filters)))
        if ix.name != "primary":
            params["IndexName"] = ix.name
        items: list[dict] = []
        while True:
            out = self.client.query(**params)
            # Another record type sharing the index and prefix is not ours; DynamoDB cannot filter it in the key.
            items += [i for i in out.get("Items", []) if self._is(rt, i)]
            if (limit is not None and len(items) >= limit) or "LastEvaluatedKey" not in out:
                return items[:limit] if limit is not None else items
            params["ExclusiveStartKey"] = out["LastEvaluatedKey"]

    # ---- the design record ----

    def recorded_design(self) -> dict[str, Any] | None:
        """The table's registry_meta item, or None when it has none yet."""
        pattern = next(ap.name for ap in self.design.access_patterns.values() if ap.record_type == DESIGN_RECORD_TYPE and ap.sort_key == "equals")
        return self.get(pattern, {})

    def check_design(self, *, write_if_absent: bool, for_write: bool = False) -> dict[str, Any]:
        """Compares the table's recorded design with this one; raises DesignMismatchError on another major.

        ``for_write`` first refuses a table a migration holds (TableMigratingError), whatever its major.

        A table with no record yet gets this design's (when ``write_if_absent``); a concurrent writer that
        records first wins, and its record is checked instead.
        """
        recorded = self.recorded_design()
        action = "matched"
        if recorded is None and write_if_absent:
            try:
                self._create(build_item(self.design, DESIGN_RECORD_TYPE, {"schema_yaml_version": self.design.version, "schema_yaml_hash": self.design.hash, "recorded_by": self.writer}))
                action = "recorded"
            except ItemExistsError:
                pass
            recorded = self.recorded_design()
        if recorded is None:
            return {"action": "absent", "current": self.design.version}
        if for_write:
            check_writable(self.table_name, {"recorded": recorded["schema_yaml_version"], **recorded})
        check_recorded_design(self.table_name, recorded["schema_yaml_version"], self.design)
        migration = {k: recorded[k] for k in ("migration_to_version", "migration_table") if k in recorded}
        return {"action": action, "recorded": recorded["schema_yaml_version"], "recorded_hash": recorded["schema_yaml_hash"], "current": self.design.version, "state": recorded.get("state", "active"), **migration}

    def _check_before_write(self) -> None:
        """Checks the design record before a write, re-reading it every DESIGN_RECHECK_SECONDS of writing."""
        if self._design_checked_at is not None and time.monotonic() - self._design_checked_at < DESIGN_RECHECK_SECONDS:
            return
        self._design_checked_at = None
        self.check_design(write_if_absent=True, for_write=True)
        self._design_checked_at = time.monotonic()

    # ---- writes ----

    def put(self, record_type: str, attributes: Mapping[str, Any]) -> dict[str, Any]:
        """Creates one item (never overwrites); returns its keys. Checks the design before the first write."""
        self._check_before_write()
        item = build_item(self.design, record_type, attributes)
        self._create(item)
        names = [n for index in self.design.record_type(record_type).keys for n in (self.design.index(index).partition_key, self.design.index(index).sort_key)]
        return {n: item[n] for n in names}

    def put_payload(self, schema_ref: str, data: Any, meta: Any = None) -> dict[str, Any]:
        """Stores a payload as the API would (README, "Writing payloads"); returns the stored attributes.

        Refuses (PayloadRefusedError) an unknown or disabled version and data the version's definition does
        not accept; writes the payload and its index entries in one transaction.
        """
        version = self.get("schema_version_by_id", {"id": schema_ref})
        if version is None:
            raise PayloadRefusedError(f"schema version {schema_ref} not found")
        check_payload(version, data, meta)
        payload_id = new_ulid()
        shard = payload_shard(payload_id, self.shard_count(version["workspace_id"], version["name"]))
        payload, entries = payload_items(version, {"id": payload_id, "shard": shard, "data": data, "meta": meta, "created_at": now_iso(), "created_by": self.writer})
        self._check_before_write()
        item = build_item(self.design, "payload", payload)
        if not entries:
            self._create(item)
            return payload
        pk = self.design.primary.partition_key
        serialize = lambda i: {k: self._serializer.serialize(v) for k, v in i.items()}  # noqa: E731
        self.client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": self.table_name, "Item": serialize(item), "ConditionExpression": "attribute_not_exists(#pk)", "ExpressionAttributeNames": {"#pk": pk}}},
                *({"Put": {"TableName": self.table_name, "Item": serialize(build_item(self.design, "payload_index_entry", e))}} for e in entries),
            ]
        )
        return payload

    def _create(self, item: Mapping[str, Any]) -> None:
        pk = self.design.primary.partition_key
        try:
            self.client.put_item(
                TableName=self.table_name,
                Item={k: self._serializer.serialize(v) for k, v in item.items()},
                ConditionExpression="attribute_not_exists(#pk)",
                ExpressionAttributeNames={"#pk": pk},
            )
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                raise ItemExistsError(f"an item with {pk} {item[pk]!r} and the same sort key already exists") from e
            raise
