import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDesign, loadDesign, parseYaml, SCHEMA_YAML_PATH, SchemaYamlError, yamlPath } from '../../lib/table-design/load.js';

const original = () => parseYaml(readFileSync(SCHEMA_YAML_PATH, 'utf8')) as Record<string, any>;

function problemsOf(doc: unknown): string[] {
  try {
    buildDesign(doc);
  } catch (e) {
    if (e instanceof SchemaYamlError) return e.problems;
    throw e;
  }
  return [];
}

describe('loading schema.yaml', () => {
  it('loads the repository schema.yaml with every record type the registry needs', () => {
    const d = loadDesign();
    expect(Object.keys(d.recordTypes)).toEqual(
      expect.arrayContaining(['schema', 'schema_version', 'payload', 'schema_request', 'audit_event', 'notification', 'rate_limit_bucket', 'idempotency_record']),
    );
    expect(d.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('resolves shared attributes and lets a record type override their fields', () => {
    const d = loadDesign();
    expect(d.recordTypes.schema!.attributes.workspace_id).toMatchObject({ type: 'string', required: true, maxLength: 63 });
    expect(d.recordTypes.schema_request!.attributes.schema_ref).toMatchObject({ type: 'string', required: false });
  });

  it('reports a wrong attribute type with its YAML path', () => {
    const doc = original();
    doc.record_types.payload.attributes.schema_version.type = 'int';
    expect(problemsOf(doc)).toContainEqual(expect.stringMatching(/^record_types\.payload\.attributes\.schema_version/));
  });

  it('reports an unknown property with its YAML path and name', () => {
    const doc = original();
    doc.table.billing = 'PROVISIONED';
    expect(problemsOf(doc)).toContainEqual(expect.stringContaining('table: must NOT have additional properties ("billing")'));
  });

  it('reports a key pattern outside the grammar', () => {
    const doc = original();
    doc.record_types.schema.keys.primary.pk = 'ws#{workspace_id}';
    expect(problemsOf(doc)).toContainEqual(expect.stringContaining('record_types.schema.keys.primary.pk: must match pattern'));
  });

  it('reports a placeholder that names no attribute', () => {
    const doc = original();
    doc.record_types.schema.keys.primary.pk = 'WS#{workspace_id}#SCHEMA#{schema_name}';
    expect(problemsOf(doc)).toContainEqual(expect.stringContaining('record_types.schema.keys.primary.pk: placeholder "{schema_name}"'));
  });

  it('reports a $ref to a shared attribute that does not exist', () => {
    const doc = original();
    doc.record_types.schema.attributes.name = { $ref: 'no_such' };
    expect(problemsOf(doc)).toContainEqual(expect.stringContaining('record_types.schema.attributes.name.$ref: no shared attribute "no_such"'));
  });

  it('reports YAML syntax errors with the line', () => {
    expect(() => parseYaml('a: [1,\n')).toThrow(/line|\(\d+:\d+\)/);
  });

  it('turns JSON pointers into YAML paths', () => {
    expect(yamlPath('/record_types/schema/examples/0/keys')).toBe('record_types.schema.examples[0].keys');
    expect(yamlPath('')).toBe('(root)');
  });
});
