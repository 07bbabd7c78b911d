"""The table through boto3: the design record check, and reads through access patterns only.

The DynamoDB tests need a DynamoDB (Local) and a table made from schema.yaml: the TypeScript test
test/python/python-reader.test.ts runs this suite with SCHEMA_REGISTRY_TEST_DYNAMODB_ENDPOINT and
SCHEMA_REGISTRY_TEST_TABLE set. Without them those tests report themselves skipped.
"""

import inspect
import os
import re
import unittest

from helpers import design

from boto3.dynamodb.types import TypeSerializer

from schema_registry_reader import table as table_module
from schema_registry_reader.payloads import PayloadRefusedError, payload_shard
from schema_registry_reader.table import DESIGN_RECORD_TYPE, DesignMismatchError, RegistryTable, TableMigratingError, build_item, check_recorded_design, check_writable, new_ulid

ENDPOINT = os.environ.get("SCHEMA_REGISTRY_TEST_DYNAMODB_ENDPOINT")
TABLE = os.environ.get("SCHEMA_REGISTRY_TEST_TABLE")


class DesignCheckTest(unittest.TestCase):
    def test_accepts_any_minor_of_the_same_major_and_refuses_another_major(self):
        check_recorded_design("t", f"{design().major}.99.0", design())
        with self.assertRaises(DesignMismatchError) as caught:
            check_recorded_design("t", f"{design().major + 1}.0.0", design())
        message = str(caught.exception)
        self.assertIn(f"records schema.yaml {design().major + 1}.0.0", message)
        self.assertIn(f"follows schema.yaml {design().version}", message)
        self.assertIn("Migrate the table's data", message)

    def test_refuses_writes_to_a_table_a_migration_holds(self):
        check_writable("t", {"recorded": "2.6.0"})
        check_writable("t", {"recorded": "2.6.0", "state": "active"})
        with self.assertRaises(TableMigratingError) as caught:
            check_writable("t", {"recorded": "2.6.0", "state": "migrating", "migration_to_version": "3.0.0"})
        self.assertIn("is being migrated from schema.yaml 2.6.0 to 3.0.0", str(caught.exception))
        with self.assertRaises(TableMigratingError) as caught:
            check_writable("t", {"recorded": "2.6.0", "state": "migrated", "migration_to_version": "3.0.0", "migration_table": "t2"})
        self.assertIn('was migrated to schema.yaml 3.0.0 (the other table: "t2")', str(caught.exception))

    def test_never_scans(self):
        source = inspect.getsource(table_module)
        self.assertIsNone(re.search(r"\.scan\(|\bScan\(|'Scan'|\"Scan\"", source))

    def test_makes_time_ordered_ulids(self):
        first, second = new_ulid(1_000), new_ulid(2_000)
        self.assertRegex(first, r"^[0-9A-HJKMNP-TV-Z]{26}$")
        self.assertLess(first, second)


@unittest.skipUnless(ENDPOINT and TABLE, "needs SCHEMA_REGISTRY_TEST_DYNAMODB_ENDPOINT and SCHEMA_REGISTRY_TEST_TABLE (set by the TypeScript test run)")
class DynamoDbTest(unittest.TestCase):
    def setUp(self):
        self.table = RegistryTable(design(), TABLE, endpoint_url=ENDPOINT)
        # A workspace of its own per test, so the suite can run again on the same table.
        self.ws = "py-" + new_ulid()[-10:].lower()

    def tearDown(self):
        self.record_design(design().version)

    def record_design(self, version, **migration):
        """Overwrites the design record, as another deployment or a migration would have written it."""
        item = build_item(design(), DESIGN_RECORD_TYPE, {"schema_yaml_version": version, "schema_yaml_hash": "f" * 64, "recorded_by": "system:test", **migration})
        self.table.client.put_item(TableName=TABLE, Item={k: TypeSerializer().serialize(v) for k, v in item.items()})

    def delete_design_record(self):
        keys = design().item_keys(DESIGN_RECORD_TYPE, {})
        self.table.client.delete_item(TableName=TABLE, Key={k: {"S": v} for k, v in keys.items()})

    def config(self):
        return {"workspace_id": self.ws, "compatibility": "FULL", "updated_by": "system:test"}

    def test_writes_the_design_record_before_its_first_write_when_the_table_has_none(self):
        self.delete_design_record()
        self.assertEqual(self.table.check_design(write_if_absent=False)["action"], "absent")
        self.table.put("workspace_config", self.config())
        recorded = self.table.recorded_design()
        self.assertEqual((recorded["schema_yaml_version"], recorded["schema_yaml_hash"], recorded["recorded_by"]), (design().version, design().hash, "system:python-reader"))
        self.assertEqual(self.table.get("workspace_config_by_id", {"workspace_id": self.ws})["compatibility"], "FULL")

    def test_writes_to_a_table_recorded_with_another_minor_of_the_same_major(self):
        self.record_design(f"{design().major}.99.0")
        self.assertEqual(self.table.check_design(write_if_absent=True)["action"], "matched")
        self.table.put("workspace_config", self.config())
        self.assertIsNotNone(self.table.get("workspace_config_by_id", {"workspace_id": self.ws}))

    def test_refuses_to_write_to_a_table_recorded_with_another_major_version(self):
        self.record_design(f"{design().major + 1}.0.0")
        with self.assertRaises(DesignMismatchError):
            self.table.put("workspace_config", self.config())
        self.assertIsNone(self.table.get("workspace_config_by_id", {"workspace_id": self.ws}))

    def test_refuses_to_write_while_the_table_is_being_migrated_and_rechecks_after_a_while(self):
        self.record_design(design().version, state="migrating", migration_to_version=f"{design().major + 1}.0.0")
        with self.assertRaises(TableMigratingError):
            self.table.put("workspace_config", self.config())
        self.assertIsNone(self.table.get("workspace_config_by_id", {"workspace_id": self.ws}))
        # Cut over (or rolled back): a refused writer checks again on its next write.
        self.record_design(design().version, state="active")
        self.table.put("workspace_config", self.config())
        # A writer that checked recently re-reads the record once DESIGN_RECHECK_SECONDS have passed.
        self.record_design(design().version, state="migrating", migration_to_version=f"{design().major + 1}.0.0")
        self.table._design_checked_at -= table_module.DESIGN_RECHECK_SECONDS
        with self.assertRaises(TableMigratingError):
            self.table.put("payload", {"id": new_ulid(), "workspace_id": self.ws, "schema_ref": "01HF7YAT00S8Z6N5V4C3B2A1Z0", "schema_name": "orders", "schema_version": 1, "data": {}, "created_by": "system:test"})

    def test_finds_what_it_wrote_through_the_access_patterns(self):
        ids = [new_ulid() for _ in range(3)]
        for n, payload_id in enumerate(ids):
            self.table.put("payload", {"id": payload_id, "workspace_id": self.ws, "shard": payload_shard(payload_id, 1), "schema_ref": "01HF7YAT00S8Z6N5V4C3B2A1Z0", "schema_name": "orders", "schema_version": 1, "data": {"n": n}, "created_by": "system:test"})
        self.assertEqual(self.table.get("payload_by_key", {"workspace_id": self.ws, "id": ids[1]})["data"], {"n": 1})
        listed = self.table.query("payloads_by_schema_name", {"workspace_id": self.ws, "schema_name": "orders"})
        self.assertEqual([p["id"] for p in listed], sorted(ids))
        self.assertEqual(len(self.table.query("payloads_by_schema_name", {"workspace_id": self.ws, "schema_name": "orders"}, limit=2)), 2)
        self.assertEqual(self.table.query("payloads_by_schema_name", {"workspace_id": self.ws, "schema_name": "other"}), [])

    def test_lists_migration_attempts_oldest_first_and_the_auto_create_log_newest_first(self):
        request = new_ulid()
        # ULIDs of distinct milliseconds: two made in one millisecond need not sort in creation order.
        for version in (1, 2):
            self.table.put("migration_attempt", {"id": new_ulid(version * 1_000), "workspace_id": self.ws, "sink": "default", "request_id": request, "schema_name": "orders", "schema_version": version, "operation": "apply", "outcome": "applied", "dialect": "postgres", "statements": ['CREATE TABLE IF NOT EXISTS "orders" ("id" uuid PRIMARY KEY)'], "duration_ms": 3, "actor": "system:test"})
        attempts = self.table.query("migration_attempts_by_sink", {"workspace_id": self.ws, "sink": "default"})
        self.assertEqual([a["schema_version"] for a in attempts], [1, 2])
        self.assertEqual(attempts[0]["statements"], ['CREATE TABLE IF NOT EXISTS "orders" ("id" uuid PRIMARY KEY)'])
        entries = [new_ulid(1_000), new_ulid(2_000)]
        for entry_id, action in zip(entries, ("created", "skipped")):
            self.table.put("auto_create_log_entry", {"id": entry_id, "workspace_id": self.ws, "request_id": request, "schema_name": "orders", "table_name": "orders", "action": action, "details": {"risk": "low"}})
        self.assertEqual([e["action"] for e in self.table.query("auto_create_log_by_workspace", {"workspace_id": self.ws})], ["skipped", "created"])
        self.table.put("sink_config", {"workspace_id": self.ws, "name": "default", "dialect": "postgres", "connection": {"kind": "embedded"}, "updated_by": "system:test"})
        self.assertEqual(self.table.query("sinks_by_workspace", {"workspace_id": self.ws})[0]["apply_on_approval"], False)
    def version(self, number, state="active"):
        """A schema version with an indexed field, written as the registry writes one."""
        attrs = {"id": new_ulid(), "workspace_id": self.ws, "name": "orders", "version": number, "fingerprint": "a" * 64, "state": state, "created_by": "system:test",
                 "definition": {"type": "object", "required": ["user_id"], "properties": {"user_id": {"type": "string"}}, "x-registry-index": ["user_id"]}}
        self.table.put("schema_version", attrs)
        return attrs["id"]

    def test_writes_a_payload_with_its_index_entries_and_refuses_invalid_data_and_disabled_versions(self):
        ref = self.version(1)
        stored = self.table.put_payload(ref, {"user_id": "u1"})
        self.assertEqual(self.table.get("payload_by_key", {"workspace_id": self.ws, "id": stored["id"]})["revision"], 1)
        found = self.table.query("payload_index_entries_by_value", {"workspace_id": self.ws, "schema_name": "orders", "field": "user_id"}, partial="u1")
        self.assertEqual([e["id"] for e in found], [stored["id"]])
        with self.assertRaises(PayloadRefusedError):
            self.table.put_payload(ref, {"user_id": 7})
        with self.assertRaises(PayloadRefusedError):
            self.table.put_payload(self.version(2, "disabled"), {"user_id": "u1"})
        self.assertEqual(len(self.table.query("payloads_by_schema_name", {"workspace_id": self.ws, "schema_name": "orders"})), 1)

    def test_lists_a_sharded_schema_from_every_shard_in_creation_order_with_whole_items(self):
        ws = f"{self.ws}-hot"
        self.table.put("schema", {"workspace_id": ws, "name": "clicks", "latest_version": 1, "latest_version_id": "01HF7YAT00S8Z6N5V4C3B2A1Z0", "payload_shards": 4, "created_by": "system:test"})
        ids = [new_ulid(1_000 * (n + 1)) for n in range(12)]
        for n, payload_id in enumerate(ids):
            ref = "01HF7YAT00S8Z6N5V4C3B2A1Z0" if n % 3 else "01HF7YAT00S8Z6N5V4C3B2A1Z1"
            self.table.put("payload", {"id": payload_id, "workspace_id": ws, "shard": payload_shard(payload_id, 4), "schema_ref": ref, "schema_name": "clicks", "schema_version": 1 if n % 3 else 2, "data": {"n": n}, "created_by": "system:test"})
        self.assertGreater(len({payload_shard(i, 4) for i in ids}), 1)
        listed = self.table.query("payloads_by_schema_name", {"workspace_id": ws, "schema_name": "clicks"})
        self.assertEqual([p["id"] for p in listed], ids)
        self.assertEqual([p["data"]["n"] for p in listed], list(range(12)))
        self.assertEqual([p["id"] for p in self.table.query("payloads_by_schema_name", {"workspace_id": ws, "schema_name": "clicks"}, limit=5)], ids[:5])
        of_v2 = self.table.query("payloads_by_schema_version", {"workspace_id": ws, "schema_name": "clicks", "schema_ref": "01HF7YAT00S8Z6N5V4C3B2A1Z1"})
        self.assertEqual([p["id"] for p in of_v2], ids[::3])


if __name__ == "__main__":
    unittest.main()
