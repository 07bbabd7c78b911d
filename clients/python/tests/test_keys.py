"""The key grammar beyond the vectors: round trips, padding, prefixes, families, and item building."""

import random
import re
import unittest

from helpers import design

from schema_registry_reader.keys import KeyRuleError, build_key, build_prefix, family_attribute_name, parse_key
from schema_registry_reader.table import ItemError, build_item, decode_item

KEY_CHARS = [chr(c) for c in range(0x21, 0x7F) if c != 0x23]


def random_value(rng, spec, example):
    """A value the spec accepts: random where the spec has no pattern, else the example's."""
    if spec.type == "integer":
        return rng.randint(int(spec.minimum or 0), 10 ** (spec.pad_width or 15) - 1)
    if spec.pattern is not None:
        return example
    return "".join(rng.choice(KEY_CHARS) for _ in range(rng.randint(1, spec.max_length or 64)))


class KeyGrammarTest(unittest.TestCase):
    def test_round_trips_parse_of_build_for_every_pattern(self):
        rng = random.Random(7)
        for rt in design().record_types.values():
            example = rt.examples[0]["attributes"]
            for index, k in rt.keys.items():
                for pattern in (k.pk, k.sk):
                    for _ in range(50):
                        values = {a: random_value(rng, pattern.specs[a], example.get(a)) for a in pattern.attributes}
                        self.assertEqual(parse_key(pattern, build_key(pattern, values)), values, f"{rt.name} {index} {pattern.source}")

    def test_zero_pads_integers_so_that_keys_sort_as_numbers(self):
        sk = design().record_type("schema_version").keys["primary"].sk
        keys = [build_key(sk, {"version": v}) for v in (2, 10, 1, 33)]
        self.assertEqual(keys[0], "VERSION#0000000002")
        self.assertEqual(sorted(keys), [build_key(sk, {"version": v}) for v in (1, 2, 10, 33)])

    def test_treats_an_integral_float_as_the_integer_and_refuses_booleans(self):
        sk = design().record_type("schema_version").keys["primary"].sk
        self.assertEqual(build_key(sk, {"version": 2.0}), "VERSION#0000000002")
        with self.assertRaises(KeyRuleError) as caught:
            build_key(sk, {"version": True})
        self.assertEqual(caught.exception.code, "not_an_integer")

    def test_refuses_a_value_holding_the_separator_since_nothing_is_escaped(self):
        pk = design().record_type("schema").keys["primary"].pk
        with self.assertRaises(KeyRuleError) as caught:
            build_key(pk, {"workspace_id": "acme", "name": "a#b"})
        self.assertEqual(caught.exception.code, "invalid_character")

    def test_builds_begins_with_prefixes_from_leading_values_and_a_partial_one(self):
        schema_gsi2 = design().record_type("schema").keys["GSI2"].sk
        self.assertEqual(build_prefix(schema_gsi2, {}, "car"), "SCHEMA#car")
        self.assertEqual(build_prefix(design().record_type("schema_version").keys["primary"].sk), "VERSION#")
        self.assertEqual(build_prefix(schema_gsi2, {"name": "orders"}), "SCHEMA#orders")
        with self.assertRaises(KeyRuleError):
            build_prefix(schema_gsi2, {}, "a#b")

    def test_names_attribute_family_members_and_refuses_bad_family_values(self):
        family = design().record_type("rate_limit_bucket").families[0]
        self.assertEqual(family_attribute_name(family.template, family.placeholder_pattern, "hour"), re.sub(r"\{limit\}", "hour", family.template))
        with self.assertRaises(KeyRuleError):
            family_attribute_name(family.template, family.placeholder_pattern, "Hour!")


class ItemTest(unittest.TestCase):
    PAYLOAD = {
        "id": "01HF7YB000A1B2C3D4E5F6G7H8",
        "workspace_id": "acme",
        "shard": 4,
        "schema_ref": "01HF7YAT00S8Z6N5V4C3B2A1Z0",
        "schema_name": "caricatures",
        "schema_version": 2,
        "data": {"user_id": "u1", "name": "Zoë"},
        "created_by": "bob",
    }

    def test_builds_every_declared_key_and_the_entity_identifiers(self):
        item = build_item(design(), "payload", self.PAYLOAD)
        example = design().record_type("payload").examples[0]["keys"]
        self.assertEqual({k: item[k] for k in example}, example)
        self.assertEqual((item["__edb_e__"], item["__edb_v__"]), ("payload", "1"))
        self.assertEqual(item["data"], '{"user_id":"u1","name":"Zoë"}')
        self.assertRegex(item["created_at"], r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")

    def test_decodes_what_it_built(self):
        from boto3.dynamodb.types import TypeSerializer

        item = build_item(design(), "payload", self.PAYLOAD)
        raw = {k: TypeSerializer().serialize(v) for k, v in item.items()}
        decoded = decode_item(design(), design().record_type("payload"), raw)
        self.assertEqual(decoded, {**self.PAYLOAD, "created_at": item["created_at"]})

    def test_refuses_missing_unknown_and_invalid_attributes(self):
        cases = [
            ({k: v for k, v in self.PAYLOAD.items() if k != "schema_ref"}, "payload.schema_ref is required"),
            ({**self.PAYLOAD, "colour": "red"}, '"colour" is not an attribute of payload'),
            ({**self.PAYLOAD, "schema_version": "2"}, "payload.schema_version must be of type integer"),
            ({**self.PAYLOAD, "schema_name": "Caricatures"}, "does not match"),
        ]
        for attributes, message in cases:
            with self.assertRaises(ItemError) as caught:
                build_item(design(), "payload", attributes)
            self.assertIn(message, str(caught.exception))

    def test_refuses_a_key_attribute_the_grammar_refuses(self):
        with self.assertRaises(KeyRuleError) as caught:
            build_item(design(), "audit_event", {"id": "01HF7YD000A1B2C3D4E5F6G7H8", "workspace_id": "acme", "actor": "dave", "action": "x", "entity_type": "schema", "entity_id": "a#b"})
        self.assertEqual(caught.exception.code, "invalid_character")

    def test_accepts_attribute_family_members(self):
        item = build_item(design(), "rate_limit_bucket", {"principal": "carol", "resource": "payload.create", "last_refill_ms": 0, "b_hour_tk": 5000})
        self.assertEqual(item["b_hour_tk"], 5000)


if __name__ == "__main__":
    unittest.main()
