import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDesign, parseYaml, SCHEMA_YAML_PATH } from '../../lib/table-design/load.js';
import { lintDesign } from '../../lib/table-design/lint.js';

const original = () => parseYaml(readFileSync(SCHEMA_YAML_PATH, 'utf8')) as Record<string, any>;
const lint = (doc: unknown) => lintDesign(buildDesign(doc)).map((p) => `${p.path}: ${p.message}`);

describe('linting schema.yaml', () => {
  it('finds nothing wrong with the repository schema.yaml', () => {
    expect(lint(original())).toEqual([]);
  });

  it('refuses an access pattern on an index that does not exist', () => {
    const doc = original();
    doc.access_patterns.schema_version_by_id.index = 'GSI9';
    expect(lint(doc)).toContainEqual(expect.stringMatching(/^access_patterns\.schema_version_by_id\.index: index "GSI9" does not exist/));
  });

  it('refuses a GSI that no access pattern uses', () => {
    const doc = original();
    doc.keys.indexes.GSI9 = { partition_key: 'GSI9PK', sort_key: 'GSI9SK', projection: 'ALL' };
    expect(lint(doc)).toContainEqual(expect.stringMatching(/^keys\.indexes\.GSI9: GSI "GSI9" is not used/));
  });

  it('refuses two record types that can produce the same PK and SK', () => {
    const doc = original();
    doc.record_types.schema_fingerprint.keys.primary.sk = 'HEAD';
    expect(lint(doc)).toContainEqual(expect.stringMatching(/schema \(.*\) and schema_fingerprint \(.*\) can produce the same PK and SK/));
  });

  it('sees that a placeholder can take the value of a literal', () => {
    const doc = original();
    // {fingerprint} is 64 hex characters, so it can never be "HEAD"; an unconstrained attribute could.
    doc.record_types.schema_fingerprint.keys.primary.sk = '{fingerprint}';
    expect(lint(doc).filter((p) => p.includes('same PK and SK'))).toEqual([]);
    doc.record_types.schema_fingerprint.attributes.fingerprint = { type: 'string', required: true, max_length: 64 };
    expect(lint(doc)).toContainEqual(expect.stringMatching(/can produce the same PK and SK/));
  });

  it('refuses keys whose declared maximum lengths exceed DynamoDB limits', () => {
    const doc = original();
    doc.shared_attributes.principal.max_length = 2100;
    expect(lint(doc)).toContainEqual(expect.stringMatching(/notification\.keys\.primary\.pk: the longest key .* DynamoDB allows 2047/));
    expect(lint(doc)).toContainEqual(expect.stringMatching(/idempotency_record\.keys\.primary\.pk: the longest key/));
  });

  it('requires a max_length on string placeholders and a pad_width on integer ones', () => {
    const doc = original();
    delete doc.shared_attributes.ulid.max_length;
    delete doc.record_types.schema_version.attributes.version.pad_width;
    const problems = lint(doc);
    expect(problems).toContainEqual(expect.stringMatching(/schema_version\.keys\.GSI1\.pk: placeholder "\{id\}" needs max_length/));
    expect(problems).toContainEqual(expect.stringMatching(/schema_version\.keys\.primary\.sk: integer placeholder "\{version\}" needs pad_width/));
  });

  it('requires literal segments to be declared prefixes', () => {
    const doc = original();
    doc.record_types.schema.keys.primary.sk = 'HEADER';
    expect(lint(doc)).toContainEqual(expect.stringMatching(/literal segment "HEADER" is not one of the declared prefixes/));
  });

  it('requires workspace-scoped items to have keys that begin with the workspace', () => {
    const doc = original();
    doc.record_types.payload.keys.primary.pk = 'PAYLOAD#{id}';
    expect(lint(doc)).toContainEqual(expect.stringMatching(/^record_types\.payload\.keys\.primary\.pk: workspace-scoped record types must have a partition key beginning with "WS#\{workspace_id\}"/));
  });

  it('refuses two access patterns for one record type on one index', () => {
    const doc = original();
    doc.access_patterns.another_payload_lookup = { record_type: 'payload', index: 'GSI4', sort_key: 'begins_with', sharded_by: 'shard' };
    expect(lint(doc)).toContainEqual(expect.stringMatching(/already serves payload on GSI4/));
  });

  it('refuses an example that lacks a required attribute or an expected key', () => {
    const doc = original();
    delete doc.record_types.payload.examples[0].attributes.schema_name;
    delete doc.record_types.payload.examples[0].keys.GSI4SK;
    const problems = lint(doc);
    expect(problems).toContainEqual('record_types.payload.examples[0].attributes: required attribute "schema_name" is missing');
    expect(problems).toContainEqual('record_types.payload.examples[0].keys: expected key "GSI4SK" is missing');
  });

  it('refuses a listing of sharded keys that does not say so, since its reader would query one shard', () => {
    const doc = original();
    delete doc.access_patterns.payloads_by_schema_name.sharded_by;
    expect(lint(doc)).toContainEqual(expect.stringMatching(/^access_patterns\.payloads_by_schema_name: payload's GSI4 partition key holds shard placeholder "\{shard\}": declare sharded_by: shard/));
  });

  it('refuses a sharded listing that cannot be merged back into creation order', () => {
    const doc = original();
    doc.record_types.payload.keys.GSI4.sk = 'PAYLOAD#{schema_name}';
    expect(lint(doc)).toContainEqual(expect.stringMatching(/^access_patterns\.payloads_by_schema_name: a sharded listing is merged back into order by its sort key/));
    doc.record_types.payload.attributes.shard.minimum = 1;
    expect(lint(doc)).toContainEqual(expect.stringMatching(/sharded_by: shard attribute "shard" must be an integer with minimum: 0/));
  });

  it('refuses a filter on an attribute the index does not project, and an INCLUDE index without the entity identifiers', () => {
    const doc = original();
    doc.keys.indexes.GSI4.non_key_attributes = ['__edb_e__', 'revision'];
    const problems = lint(doc);
    expect(problems).toContainEqual('access_patterns.payloads_by_schema_version.filter_by: index GSI4 does not project "schema_ref"; add it to its non_key_attributes');
    expect(problems).toContainEqual("keys.indexes.GSI4.non_key_attributes: must include the entity identifiers __edb_v__, or the TypeScript side cannot read the index's items");
  });
});
