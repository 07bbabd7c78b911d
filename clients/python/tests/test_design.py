"""Loading schema.yaml: YAML as the TypeScript side parses it, the grammar, shared attributes, the hash."""

import copy
import unittest

from helpers import design, vectors

from schema_registry_reader.canonical import canonical_json, ecmascript_number
from schema_registry_reader.design import SchemaYamlError, build_design, major_version, parse_yaml


def problems_of(doc):
    try:
        build_design(doc)
    except SchemaYamlError as e:
        return e.problems
    return []


def original():
    return copy.deepcopy(design().document)


class LoadingTest(unittest.TestCase):
    def test_loads_every_record_type_and_access_pattern(self):
        self.assertTrue({"schema", "schema_version", "payload", "schema_request", "registry_meta"} <= set(design().record_types))
        self.assertEqual(design().access_pattern("payloads_by_schema_name").operation, "Query")
        self.assertEqual((design().access_pattern("payloads_by_schema_version").sharded_by, design().access_pattern("payloads_by_schema_version").filter_by), ("shard", "schema_ref"))
        self.assertEqual(design().index("GSI4").projection, "INCLUDE")
        self.assertEqual(design().access_pattern("schema_by_name").operation, "GetItem")

    def test_resolves_shared_attributes_and_lets_a_record_type_override_them(self):
        ws = design().record_type("schema").attributes["workspace_id"]
        self.assertEqual((ws.type, ws.required, ws.max_length), ("string", True, 63))
        self.assertFalse(design().record_type("schema_request").attributes["schema_ref"].required)
        self.assertTrue(design().record_type("payload").attributes["schema_ref"].required)

    def test_reports_a_wrong_attribute_type_with_its_yaml_path(self):
        doc = original()
        doc["record_types"]["payload"]["attributes"]["schema_version"]["type"] = "int"
        self.assertTrue(any(p.startswith("record_types.payload.attributes.schema_version") for p in problems_of(doc)), problems_of(doc))

    def test_reports_an_unknown_property(self):
        doc = original()
        doc["table"]["billing"] = "PROVISIONED"
        self.assertTrue(any(p.startswith("table:") and "'billing'" in p for p in problems_of(doc)), problems_of(doc))

    def test_reports_a_key_pattern_outside_the_grammar(self):
        doc = original()
        doc["record_types"]["schema"]["keys"]["primary"]["pk"] = "ws#{workspace_id}"
        self.assertTrue(any(p.startswith("record_types.schema.keys.primary.pk:") for p in problems_of(doc)), problems_of(doc))

    def test_reports_a_placeholder_that_names_no_attribute(self):
        doc = original()
        doc["record_types"]["schema"]["keys"]["primary"]["pk"] = "WS#{workspace_id}#SCHEMA#{schema_name}"
        self.assertIn('record_types.schema.keys.primary.pk: placeholder "{schema_name}" must name a declared string or integer attribute of schema', problems_of(doc))

    def test_reports_a_ref_to_a_shared_attribute_that_does_not_exist(self):
        doc = original()
        doc["record_types"]["schema"]["attributes"]["name"] = {"$ref": "no_such"}
        self.assertTrue(any('no shared attribute "no_such"' in p for p in problems_of(doc)), problems_of(doc))

    def test_reads_the_major_version(self):
        self.assertEqual(major_version("12.3.4"), 12)
        self.assertEqual(design().major, major_version(design().version))
        with self.assertRaises(ValueError):
            major_version("1.2")


class YamlLikeTypeScriptTest(unittest.TestCase):
    """YAML 1.2's JSON schema (js-yaml JSON_SCHEMA), not PyYAML's YAML 1.1 defaults."""

    def test_keeps_yaml_1_1_booleans_dates_and_sexagesimals_as_strings(self):
        doc = parse_yaml("a: yes\nb: on\nc: 2026-11-23\nd: 1:20\ne: 2026-11-23T12:00:00Z\nf: =\n")
        self.assertEqual(doc, {"a": "yes", "b": "on", "c": "2026-11-23", "d": "1:20", "e": "2026-11-23T12:00:00Z", "f": "="})

    def test_reads_json_scalars_and_yaml_1_2_numbers(self):
        doc = parse_yaml("a: ~\nb: null\nc: True\nd: 010\ne: 0o17\nf: 0x1F\ng: -0b101\nh: .5\ni: 1e3\nj: 1.0.0\nk:\n")
        self.assertEqual(doc, {"a": None, "b": None, "c": True, "d": 10, "e": 15, "f": 31, "g": -5, "h": 0.5, "i": 1000.0, "j": "1.0.0", "k": None})

    def test_refuses_duplicate_keys_and_names_the_line(self):
        with self.assertRaises(SchemaYamlError) as caught:
            parse_yaml("a: 1\nb: 2\na: 3\n")
        self.assertIn("line 3", str(caught.exception))


class DesignHashTest(unittest.TestCase):
    def test_equals_the_hash_typescript_computed_for_this_schema_yaml(self):
        # The vectors carry TABLE_DESIGN.hash; the TypeScript round-trip test compares it directly as well.
        self.assertEqual(design().hash, vectors()["schema_yaml_hash"])
        self.assertRegex(design().hash, r"^[0-9a-f]{64}$")

    def test_changes_with_any_change_to_the_document(self):
        doc = original()
        doc["description"] += "."
        self.assertNotEqual(build_design(doc).hash, design().hash)

    def test_writes_numbers_as_ecmascript_does(self):
        cases = {1e21: "1e+21", 1e-7: "1e-7", 123e-20: "1.23e-18", 0.1 + 0.2: "0.30000000000000004", 2.0: "2", -0.0: "0", 2**53 + 1: "9007199254740992", 1e16: "10000000000000000", 0.000001: "0.000001", -1.5e-10: "-1.5e-10", 1795000000000: "1795000000000"}
        for number, text in cases.items():
            self.assertEqual(ecmascript_number(number), text, repr(number))

    def test_sorts_keys_by_utf16_code_units_and_escapes_strings_as_json_stringify(self):
        self.assertEqual(canonical_json({"\ue000": 1, "\U0001F600": 2, "a": [True, None], "B": {}}), '{"B":{},"a":[true,null],"\U0001F600":2,"\ue000":1}')
        self.assertEqual(canonical_json("\u001f\u007f\u2028é\"\\\n"), '"\\u001f\u007f\u2028é\\"\\\\\\n"')


if __name__ == "__main__":
    unittest.main()
