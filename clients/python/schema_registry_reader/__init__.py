"""A reference reader and writer of the schema registry's DynamoDB table, built from schema.yaml alone.

    from schema_registry_reader import load_design, RegistryTable
    design = load_design()                       # validates schema.yaml, computes the design hash
    table = RegistryTable(design, "schema-registry", endpoint_url="http://127.0.0.1:8000")
    table.query("payloads_by_schema_name", {"workspace_id": "acme", "schema_name": "caricatures"})

Only the standard library, PyYAML, jsonschema and (for the table) boto3.
"""

from .canonical import canonical_json, fingerprint
from .design import Design, SchemaYamlError, load_design, major_version
from .keys import CHECK_ORDER, KeyRuleError, build_key, build_prefix, parse_key

__all__ = [
    "CHECK_ORDER",
    "Design",
    "DesignMismatchError",
    "KeyRuleError",
    "RegistryTable",
    "SchemaYamlError",
    "TableMigratingError",
    "build_key",
    "build_prefix",
    "canonical_json",
    "fingerprint",
    "load_design",
    "major_version",
    "parse_key",
]


def __getattr__(name):
    # boto3 is needed only for the table; importing it lazily keeps key and design work fast and boto3-free.
    if name in ("RegistryTable", "DesignMismatchError", "TableMigratingError"):
        from . import table

        return getattr(table, name)
    raise AttributeError(name)
