"""Every case of lib/generated/conformance-vectors.json, with key patterns taken from schema.yaml.

The keys are built from the patterns this package reads out of schema.yaml and compared with the committed
vectors, so a key pattern changed in schema.yaml without `npm run codegen` fails here.
"""

import unittest

from helpers import design, vectors

from schema_registry_reader.keys import CHECK_ORDER, KeyRuleError, build_key, build_prefix, parse_key


def code_of(fn):
    try:
        fn()
    except KeyRuleError as e:
        return e.code
    return None


def patterns(case):
    return design().record_type(case["record_type"]).keys[case["index"]]


class ConformanceVectorsTest(unittest.TestCase):
    def test_were_generated_from_this_schema_yaml(self):
        self.assertEqual(vectors()["schema_yaml_hash"], design().hash, "schema.yaml changed since `npm run codegen`: run it and commit lib/generated/")
        self.assertEqual(vectors()["schema_yaml_version"], design().version)
        self.assertEqual(vectors()["separator"], design().separator)

    def test_check_in_the_documented_order(self):
        self.assertEqual(vectors()["check_order"], list(CHECK_ORDER))

    def test_cover_every_record_type_and_index_of_schema_yaml(self):
        declared = {(rt.name, ix) for rt in design().record_types.values() for ix in rt.keys}
        self.assertEqual({(c["record_type"], c["index"]) for c in vectors()["build"]}, declared)

    def test_builds_the_expected_keys(self):
        wrong = []
        for c in vectors()["build"]:
            k = patterns(c)
            ix = design().index(c["index"])
            got = {ix.partition_key: build_key(k.pk, c["attributes"]), ix.sort_key: build_key(k.sk, c["attributes"])}
            if got != c["expected"]:
                wrong.append({"case": c, "got": got})
        self.assertEqual(wrong, [])
        self.assertGreater(len(vectors()["build"]), 15)

    def test_raises_the_expected_error_for_every_invalid_input(self):
        wrong = []
        for c in vectors()["build_errors"]:
            pattern = getattr(patterns(c), c["key"])
            got = code_of(lambda: build_key(pattern, c["attributes"]))
            if got != c["error"]:
                wrong.append({"case": c, "got": got})
        self.assertEqual(wrong, [])
        self.assertGreater(len(vectors()["build_errors"]), 100)

    def test_parses_every_example_key_back_into_its_attributes(self):
        wrong = []
        for c in vectors()["parse"]:
            got = parse_key(getattr(patterns(c), c["key"]), c["input"])
            if got != c["expected"]:
                wrong.append({"case": c, "got": got})
        self.assertEqual(wrong, [])

    def test_refuses_every_malformed_key(self):
        wrong = []
        for c in vectors()["parse_errors"]:
            pattern = getattr(patterns(c), c["key"])
            got = code_of(lambda: parse_key(pattern, c["input"]))
            if got != c["error"]:
                wrong.append({"case": c, "got": got})
        self.assertEqual(wrong, [])

    def test_gives_the_begins_with_prefix_of_every_listing_access_pattern(self):
        listings = {ap.name for ap in design().access_patterns.values() if ap.sort_key == "begins_with"}
        self.assertEqual({c["access_pattern"] for c in vectors()["sort_key_prefixes"]}, listings)
        for c in vectors()["sort_key_prefixes"]:
            ap = design().access_pattern(c["access_pattern"])
            self.assertEqual((ap.record_type, ap.index), (c["record_type"], c["index"]))
            self.assertEqual(build_prefix(patterns(c).sk), c["expected"], c["access_pattern"])


class SchemaYamlExamplesTest(unittest.TestCase):
    """The examples in schema.yaml, read by this package alone (no generated file involved)."""

    def test_every_example_builds_exactly_its_keys(self):
        for rt in design().record_types.values():
            for example in rt.examples:
                self.assertEqual(design().item_keys(rt.name, example["attributes"]), example["keys"], rt.name)

    def test_every_example_key_parses_back_into_the_example_attributes(self):
        for rt in design().record_types.values():
            for example in rt.examples:
                for index, k in rt.keys.items():
                    ix = design().index(index)
                    for pattern, name in ((k.pk, ix.partition_key), (k.sk, ix.sort_key)):
                        expected = {a: example["attributes"][a] for a in pattern.attributes}
                        self.assertEqual(parse_key(pattern, example["keys"][name]), expected, f"{rt.name} {name}")


if __name__ == "__main__":
    unittest.main()
