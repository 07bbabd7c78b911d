"""Loads schema.yaml: parses the YAML, validates it against schema-yaml.schema.json (Draft 2020-12),
resolves shared attributes and compiles the key patterns. Nothing here is TypeScript-specific: this module
reads the same file the TypeScript codegen reads, and computes the same design hash.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import yaml
from jsonschema import Draft202012Validator, FormatChecker

from .canonical import fingerprint
from .keys import KeyPattern, PlaceholderSpec, build_key, compile_pattern

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_SCHEMA_YAML = REPO_ROOT / "schema.yaml"
GRAMMAR_FILE_NAME = "schema-yaml.schema.json"
DEFAULT_GRAMMAR = REPO_ROOT / GRAMMAR_FILE_NAME


class SchemaYamlError(Exception):
    """schema.yaml is not valid; ``problems`` name each YAML path and what is wrong there."""

    def __init__(self, problems: list[str], file: str):
        super().__init__(f"{file} is invalid:\n" + "\n".join(f"  - {p}" for p in problems))
        self.problems = problems
        self.file = file


# ---- YAML: the JSON schema of YAML 1.2, as the TypeScript side parses it (js-yaml JSON_SCHEMA) ----


class _JsonSchemaLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader speaks YAML 1.1, where `yes`, `on` and `2026-11-23` are not strings. The design
    hash covers the parsed document, so both languages must parse it alike: only null, booleans, integers
    and floats are implicit; everything else is a string; duplicate keys are an error."""

    yaml_implicit_resolvers: dict = {}
    yaml_constructors = {
        tag: fn
        for tag, fn in yaml.SafeLoader.yaml_constructors.items()
        if tag is None or tag.rsplit(":", 1)[-1] in ("null", "bool", "str", "seq", "map")
    }

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool, type(None))):
                continue  # unhashable keys are refused by the base constructor
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicated mapping key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _construct_int(loader, node):
    text = loader.construct_scalar(node)
    sign = -1 if text[0] == "-" else 1
    digits = text.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits, 10)


def _construct_float(loader, node):
    text = loader.construct_scalar(node).lower()
    if text.lstrip("+-") == ".inf":
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    return float(text)


for _tag, _pattern, _first in (
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^[-+]?(?:[0-9]+|0b[01]+|0x[0-9a-fA-F]+|0o[0-7]+)$", list("-+0123456789")),
    (
        "float",
        r"^(?:[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+0123456789."),
    ),
):
    _JsonSchemaLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first)
_JsonSchemaLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_JsonSchemaLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def parse_yaml(text: str, file: str = "schema.yaml") -> Any:
    """Parses YAML text into a plain document; syntax errors name the line."""
    try:
        return yaml.load(text, Loader=_JsonSchemaLoader)
    except yaml.YAMLError as e:
        raise SchemaYamlError([str(e)], file) from e


# ---- the grammar ----


def yaml_path(path) -> str:
    """``['record_types', 'schema', 'examples', 0]`` -> ``record_types.schema.examples[0]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


_validators: dict[Path, Draft202012Validator] = {}


def validate_document(doc: Any, grammar: Path) -> list[str]:
    """Problems of the document against schema-yaml.schema.json, each with its YAML path."""
    if grammar not in _validators:
        schema = json.loads(grammar.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        _validators[grammar] = Draft202012Validator(schema, format_checker=FormatChecker())
    errors = sorted(_validators[grammar].iter_errors(doc), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return [f"{yaml_path(e.absolute_path)}: {e.message}" for e in errors]


# ---- the design ----

NO_DEFAULT = object()


@dataclass(frozen=True)
class Attribute:
    name: str
    type: str
    required: bool = False
    immutable: bool = False
    default: Any = NO_DEFAULT
    enum: tuple | None = None
    max_length: int | None = None
    pattern: str | None = None
    minimum: float | None = None
    pad_width: int | None = None
    description: str | None = None


@dataclass(frozen=True)
class AttributeFamily:
    template: str
    placeholder: str
    placeholder_pattern: str
    attribute: Attribute


@dataclass(frozen=True)
class Index:
    name: str
    partition_key: str
    sort_key: str
    projection: str = "ALL"
    #: With projection INCLUDE: the non-key attributes the index copies.
    non_key_attributes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordKeys:
    index: str
    pk: KeyPattern
    sk: KeyPattern


@dataclass(frozen=True)
class RecordType:
    name: str
    entity: str
    entity_version: str
    workspace_scoped: bool
    keys: Mapping[str, RecordKeys]
    attributes: Mapping[str, Attribute]
    families: tuple[AttributeFamily, ...]
    examples: tuple


@dataclass(frozen=True)
class AccessPattern:
    name: str
    record_type: str
    index: str
    sort_key: str  # "equals" or "begins_with"
    order: str
    #: GetItem for sort-key equality on the primary index; Query otherwise. Never Scan.
    operation: str
    #: The shard placeholder of the partition key: query every shard and merge by sort key.
    sharded_by: str | None = None
    #: An attribute matched by equality after the key condition.
    filter_by: str | None = None


@dataclass(frozen=True)
class Design:
    version: str
    hash: str
    table_name: str
    separator: str
    primary: Index
    indexes: Mapping[str, Index]
    entity_identifiers: Mapping[str, str]
    prefixes: Mapping[str, str]
    record_types: Mapping[str, RecordType]
    access_patterns: Mapping[str, AccessPattern]
    ttl_attribute: str | None = None
    document: Any = field(default=None, repr=False, compare=False)

    @property
    def major(self) -> int:
        """The major version: items of two major versions cannot share a table."""
        return major_version(self.version)

    def index(self, name: str) -> Index:
        if name == "primary":
            return self.primary
        if name not in self.indexes:
            raise LookupError(f'index "{name}" is not declared in schema.yaml (declared: primary, {", ".join(self.indexes)})')
        return self.indexes[name]

    def record_type(self, name: str) -> RecordType:
        if name not in self.record_types:
            raise LookupError(f'no record type "{name}" in schema.yaml (declared: {", ".join(self.record_types)})')
        return self.record_types[name]

    def access_pattern(self, name: str) -> AccessPattern:
        if name not in self.access_patterns:
            raise LookupError(f'no access pattern "{name}" in schema.yaml (declared: {", ".join(self.access_patterns)})')
        return self.access_patterns[name]

    def item_keys(self, record_type: str, values: Mapping[str, Any]) -> dict[str, str]:
        """Every key attribute (primary and GSI) of an item of the record type."""
        out = {}
        for index, k in self.record_type(record_type).keys.items():
            ix = self.index(index)
            out[ix.partition_key] = build_key(k.pk, values)
            out[ix.sort_key] = build_key(k.sk, values)
        return out


def major_version(version: str) -> int:
    """``"1.2.3"`` -> 1."""
    m = re.fullmatch(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)", version or "")
    if not m:
        raise ValueError(f"{version!r} is not a semantic version such as 1.2.3")
    return int(m.group(1))


def _attribute(name: str, raw: Mapping[str, Any]) -> Attribute:
    return Attribute(
        name=name,
        type=raw["type"],
        required=raw.get("required", False),
        immutable=raw.get("immutable", False),
        default=raw.get("default", NO_DEFAULT),
        enum=tuple(raw["enum"]) if "enum" in raw else None,
        max_length=raw.get("max_length"),
        pattern=raw.get("pattern"),
        minimum=raw.get("minimum"),
        pad_width=raw.get("pad_width"),
        description=raw.get("description"),
    )


def _placeholder_spec(attr: Attribute | None) -> PlaceholderSpec | None:
    if attr is None or attr.type not in ("string", "integer"):
        return None
    return PlaceholderSpec(type=attr.type, max_length=attr.max_length, pad_width=attr.pad_width, pattern=attr.pattern, minimum=attr.minimum)


def build_design(doc: Any, file: str = "schema.yaml", grammar: Path = DEFAULT_GRAMMAR) -> Design:
    """Builds the design from a parsed document, after validating it against the grammar."""
    problems = validate_document(doc, grammar)
    if problems:
        raise SchemaYamlError(problems, file)
    shared = doc.get("shared_attributes", {})

    record_types = {}
    for rt_name, rt in doc["record_types"].items():
        attributes = {}
        for attr_name, raw in rt["attributes"].items():
            if "$ref" in raw:
                if raw["$ref"] not in shared:
                    problems.append(f'record_types.{rt_name}.attributes.{attr_name}.$ref: no shared attribute "{raw["$ref"]}" (declare it under shared_attributes)')
                    continue
                # The record type's own fields override the shared definition's.
                raw = {**shared[raw["$ref"]], **{k: v for k, v in raw.items() if k != "$ref"}}
            attributes[attr_name] = _attribute(attr_name, raw)

        families = []
        for template, raw in rt.get("attribute_families", {}).items():
            placeholder = re.search(r"\{([a-z][a-z0-9_]*)\}", template).group(1)
            declared = rt.get("family_placeholders", {}).get(placeholder)
            if declared is None:
                problems.append(f'record_types.{rt_name}.attribute_families.{template}: placeholder "{{{placeholder}}}" is not declared under family_placeholders')
                continue
            families.append(AttributeFamily(template, placeholder, declared["pattern"], _attribute(template, raw)))

        keys = {}
        for index, k in rt["keys"].items():
            specs, ok = {}, True
            for which in ("pk", "sk"):
                for name in re.findall(r"\{([a-z][a-z0-9_]*)\}", k[which]):
                    spec = _placeholder_spec(attributes.get(name))
                    if spec is None:
                        ok = False
                        problems.append(f'record_types.{rt_name}.keys.{index}.{which}: placeholder "{{{name}}}" must name a declared string or integer attribute of {rt_name}')
                    else:
                        specs[name] = spec
            if ok:
                keys[index] = RecordKeys(index, compile_pattern(k["pk"], specs), compile_pattern(k["sk"], specs))

        record_types[rt_name] = RecordType(
            name=rt_name,
            entity=rt["entity"],
            entity_version=rt["entity_version"],
            workspace_scoped=rt["workspace_scoped"],
            keys=keys,
            attributes=attributes,
            families=tuple(families),
            examples=tuple(rt["examples"]),
        )

    access_patterns = {
        name: AccessPattern(
            name=name,
            record_type=ap["record_type"],
            index=ap["index"],
            sort_key=ap["sort_key"],
            order=ap.get("order", "ascending"),
            operation="GetItem" if ap["index"] == "primary" and ap["sort_key"] == "equals" else "Query",
            sharded_by=ap.get("sharded_by"),
            filter_by=ap.get("filter_by"),
        )
        for name, ap in doc["access_patterns"].items()
    }
    for ap in access_patterns.values():
        rt = record_types.get(ap.record_type)
        if rt is None or ap.index not in rt.keys:
            problems.append(f'access_patterns.{ap.name}: record type "{ap.record_type}" has no keys on index "{ap.index}"')

    if problems:
        raise SchemaYamlError(problems, file)
    keys_doc = doc["keys"]
    return Design(
        version=doc["version"],
        hash=fingerprint(doc),
        table_name=doc["table"]["name"],
        separator=keys_doc["separator"],
        primary=Index("primary", keys_doc["primary"]["partition_key"], keys_doc["primary"]["sort_key"]),
        indexes={n: Index(n, ix["partition_key"], ix["sort_key"], ix["projection"], tuple(ix.get("non_key_attributes", ()))) for n, ix in keys_doc["indexes"].items()},
        entity_identifiers=dict(doc["entity_identifiers"]),
        prefixes=dict(doc["prefixes"]),
        record_types=record_types,
        access_patterns=access_patterns,
        ttl_attribute=doc["table"].get("ttl_attribute"),
        document=doc,
    )


def load_design(path: str | Path = DEFAULT_SCHEMA_YAML) -> Design:
    """Loads and validates schema.yaml (or another file of the same grammar, with its grammar beside it)."""
    path = Path(path)
    return build_design(parse_yaml(path.read_text(encoding="utf-8"), str(path)), str(path), path.parent / GRAMMAR_FILE_NAME)
