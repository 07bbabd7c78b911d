"""Command line: ``python3 -m schema_registry_reader [options] COMMAND ...``; prints JSON on stdout.

    design                               version, major and hash of schema.yaml
    get ACCESS_PATTERN name=value...     the one item of an `equals` access pattern (or null)
    query ACCESS_PATTERN name=value...   the items of a `begins_with` access pattern
    put RECORD_TYPE --item JSON          creates one item; refused on a table of another major version
    check-design                         compares the table's registry_meta item with schema.yaml

Exit codes: 0 done, 1 DynamoDB failed, 2 usage or invalid input, 3 the table holds another major version.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .design import DEFAULT_SCHEMA_YAML, Design, SchemaYamlError, load_design
from .keys import KeyRuleError


def _typed_values(design: Design, record_type: str, pairs: list[str]) -> dict[str, Any]:
    """``name=value`` arguments, with integer attributes read as integers."""
    rt = design.record_type(record_type)
    values: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or name not in rt.attributes:
            raise ValueError(f'expected name=value with a {rt.name} attribute ({", ".join(rt.attributes)}), got "{pair}"')
        if rt.attributes[name].type == "integer":
            if not text.isdigit():
                raise ValueError(f'{name} is an integer, got "{text}"')
            values[name] = int(text)
        else:
            values[name] = text
    return values


def _json_default(value: Any) -> Any:
    if isinstance(value, set):
        return sorted(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m schema_registry_reader", description="Read and write the schema registry's table through schema.yaml.")
    parser.add_argument("--schema-yaml", default=str(DEFAULT_SCHEMA_YAML), help="schema.yaml to follow (default: the repository's)")
    parser.add_argument("--endpoint", help="DynamoDB endpoint, e.g. http://127.0.0.1:8000 for DynamoDB Local")
    parser.add_argument("--region", help="AWS region (default: AWS_REGION, else us-east-1)")
    parser.add_argument("--table", help="table name (default: schema.yaml's table.name)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("design", help="version, major and hash of schema.yaml")
    for name in ("get", "query"):
        c = commands.add_parser(name, help=f"{name} through an access pattern")
        c.add_argument("access_pattern")
        c.add_argument("values", nargs="*", metavar="name=value")
        if name == "query":
            c.add_argument("--partial", help="raw prefix of the first sort-key value not given")
            c.add_argument("--limit", type=int)
    put = commands.add_parser("put", help="create one item")
    put.add_argument("record_type")
    put.add_argument("--item", required=True, help="the item's attributes as a JSON object (json attributes as values, not text)")
    commands.add_parser("check-design", help="compare the table's registry_meta item with schema.yaml (never writes)")
    args = parser.parse_args(argv)

    try:
        design = load_design(args.schema_yaml)
    except SchemaYamlError as e:
        print(e, file=sys.stderr)
        return 2
    if args.command == "design":
        return _print({"version": design.version, "major": design.major, "hash": design.hash, "table_name": design.table_name})

    from botocore.exceptions import BotoCoreError, ClientError

    from .table import DesignMismatchError, ItemError, ItemExistsError, RegistryTable, TableMigratingError, check_writable

    table = RegistryTable(design, args.table, endpoint_url=args.endpoint, region_name=args.region)
    try:
        if args.command == "check-design":
            return _print(table.check_design(write_if_absent=False))
        if args.command == "put":
            item = json.loads(args.item)
            if not isinstance(item, dict):
                raise ValueError("--item must be a JSON object")
            return _print(table.put(args.record_type, item))
        ap = design.access_pattern(args.access_pattern)
        values = _typed_values(design, ap.record_type, args.values)
        # Refuses bad values before any request (shard 0 stands for every shard of a sharded listing).
        table.key_condition(ap.name, {**values, **({ap.sharded_by: 0} if ap.sharded_by else {})}, getattr(args, "partial", None))
        # Start-up check for reads: a table of another major version would be misread, so say so.
        try:
            check_writable(args.table or design.table_name, table.check_design(write_if_absent=False))
        except (DesignMismatchError, TableMigratingError) as e:
            print(f"warning: {e}", file=sys.stderr)
        if args.command == "get":
            return _print(table.get(ap.name, values))
        return _print(table.query(ap.name, values, partial=args.partial, limit=args.limit))
    except (DesignMismatchError, TableMigratingError) as e:
        print(e, file=sys.stderr)
        return 3
    except (KeyRuleError, ItemError, ItemExistsError, LookupError, ValueError) as e:
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return 2
    except (BotoCoreError, ClientError) as e:
        print(f"DynamoDB: {e}", file=sys.stderr)
        return 1


def _print(value: Any) -> int:
    json.dump(value, sys.stdout, ensure_ascii=False, default=_json_default)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
