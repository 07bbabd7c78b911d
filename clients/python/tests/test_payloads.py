"""The payload write contract: what a foreign writer must refuse before it writes (no DynamoDB needed)."""

import json
import unittest

from helpers import vectors

from schema_registry_reader.payloads import PayloadRefusedError, check_payload, encode_value, payload_items, payload_shard

VERSION = {
    "id": "01HF7YAT00S8Z6N5V4C3B2A1Z0",
    "workspace_id": "acme",
    "name": "caricatures",
    "version": 2,
    "state": "active",
    "definition": json.dumps({"type": "object", "required": ["user_id"], "properties": {"user_id": {"type": "string"}, "n": {"type": "integer"}}, "x-registry-index": ["user_id"]}),
}


class PayloadContractTest(unittest.TestCase):
    def test_accepts_a_valid_payload(self):
        check_payload(VERSION, {"user_id": "u1", "n": 3})

    def test_refuses_an_invalid_payload_naming_every_problem(self):
        with self.assertRaises(PayloadRefusedError) as caught:
            check_payload(VERSION, {"n": "three"})
        self.assertEqual(sorted(e["keyword"] for e in caught.exception.errors), ["required", "type"])
        self.assertIn("/n", [e["path"] for e in caught.exception.errors])

    def test_refuses_a_disabled_version(self):
        with self.assertRaises(PayloadRefusedError) as caught:
            check_payload({**VERSION, "state": "disabled"}, {"user_id": "u1"})
        self.assertIn("disabled", str(caught.exception))

    def test_refuses_integers_beyond_2_53_and_oversized_data(self):
        with self.assertRaises(PayloadRefusedError):
            check_payload(VERSION, {"user_id": "u1", "n": 2**53})
        with self.assertRaises(PayloadRefusedError):
            check_payload(VERSION, {"user_id": "u" * (256 * 1024)})

    def test_copies_schema_fields_from_the_version_and_builds_index_entries(self):
        item, entries = payload_items(VERSION, {"id": "01HF7YB000A1B2C3D4E5F6G7H8", "data": {"user_id": "a#b é"}, "created_at": "2026-11-23T12:31:00.000Z", "created_by": "py"})
        self.assertEqual((item["schema_name"], item["schema_version"], item["schema_ref"], item["revision"]), ("caricatures", 2, VERSION["id"], 1))
        self.assertEqual(item["indexed_fields"], ["user_id"])
        self.assertEqual([(e["field"], e["value"]) for e in entries], [("user_id", "a%23b%20%C3%A9")])

    def test_encodes_values_as_the_registry_does(self):
        self.assertEqual([encode_value(v) for v in ("u1", 42, True, "", None, {"a": 1}, "50%")], ["u1", "42", "true", None, None, None, "50%25"])


class PayloadWriteVectorsTest(unittest.TestCase):
    def test_stores_or_refuses_every_case_as_the_vectors_say(self):
        for case in vectors()["payload_writes"]:
            with self.subTest(case["why"]):
                version = {**VERSION, "state": case["version"]["state"], "definition": case["version"]["definition"]}
                try:
                    check_payload(version, case["data"])
                    outcome = "stored"
                except PayloadRefusedError as e:
                    outcome = "disabled" if "disabled" in str(e) else "invalid"
                self.assertEqual(outcome, case["outcome"])
                if outcome == "stored":
                    _item, entries = payload_items(version, {"id": "01HF7YB000A1B2C3D4E5F6G7H8", "data": case["data"]})
                    self.assertEqual([{"field": e["field"], "value": e["value"]} for e in entries], case["index_entries"])

    def test_puts_every_payload_of_the_shard_vectors_in_its_shard(self):
        for case in vectors()["payload_shards"]:
            with self.subTest(case["id"], shards=case["shards"]):
                self.assertEqual(payload_shard(case["id"], case["shards"]), case["shard"])


if __name__ == "__main__":
    unittest.main()
