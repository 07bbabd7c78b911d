/**
 * The official JSON-Schema-Test-Suite (draft7, 2019-09, 2020-12, each with optional/format), read in
 * place from ../shared/corpora. Every group is checked through the engine as a published definition
 * would be (checkDefinition, then validate by version id; draft7 without `$schema`, under the draft-07
 * default), beside a plain ajv with ajv-formats (what a user would pick instead, with its defaults) in
 * the same run. The engine must agree with the suite at least as often as plain ajv on every draft;
 * every test it does not run is listed with its reason.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import type { Json } from '../../lib/engines/types.js';
import { RegistryError } from '../../lib/errors.js';

const SUITE = join(process.cwd(), '..', 'shared', 'corpora', 'JSON-Schema-Test-Suite', 'tests');

interface Group {
  description: string;
  schema: Json;
  tests: Array<{ description: string; data: unknown; valid: boolean }>;
}

const DRAFTS = [
  { dir: 'draft7', defaultDialect: 'draft-07', plain: () => new Ajv() },
  { dir: 'draft2019-09', defaultDialect: undefined, uri: 'https://json-schema.org/draft/2019-09/schema', plain: () => new Ajv2019() },
  { dir: 'draft2020-12', defaultDialect: undefined, plain: () => new Ajv2020() },
] as const;

function groupsOf(dir: string, part: 'core' | 'optional/format'): Array<{ file: string; group: Group }> {
  const folder = part === 'core' ? join(SUITE, dir) : join(SUITE, dir, 'optional', 'format');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => (JSON.parse(readFileSync(join(folder, file), 'utf8')) as Group[]).map((group) => ({ file: `${part === 'core' ? '' : 'optional/format/'}${file}`, group })));
}

interface Tally {
  total: number;
  engine: number;
  plain: number;
  notRun: string[];
}

function run(draft: (typeof DRAFTS)[number], part: 'core' | 'optional/format'): Tally {
  const engine = new JsonSchemaEngine();
  const plain = draft.plain();
  addFormats(plain);
  const tally: Tally = { total: 0, engine: 0, plain: 0, notRun: [] };
  groupsOf(draft.dir, part).forEach(({ file, group }, index) => {
    const where = `${draft.dir}/${file}: ${group.description}`;
    // 2019-09 cannot be a default draft: a user declares it, as the suite's own schemas mostly do.
    const schema = 'uri' in draft && typeof group.schema === 'object' && group.schema !== null && !Array.isArray(group.schema) && group.schema.$schema === undefined
      ? { $schema: draft.uri, ...group.schema }
      : group.schema;
    let refusal: string | undefined;
    try {
      engine.checkDefinition(schema, { defaultDialect: draft.defaultDialect });
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      refusal = error.message;
    }
    // Remote references name documents the registry never fetches: neither side runs these groups.
    if (refusal !== undefined && /remote \$ref|remote \$dynamicRef|remote \$recursiveRef/.test(refusal)) {
      tally.notRun.push(`${where} (${group.tests.length} tests): remote reference, never fetched`);
      return;
    }
    if (refusal !== undefined) tally.notRun.push(`${where} (${group.tests.length} tests): refused: ${refusal}`);
    let plainValidate: ((data: unknown) => boolean) | undefined;
    try {
      const compiled = plain.compile(schema as object);
      plainValidate = (data) => compiled(data) as boolean;
    } catch {
      plainValidate = undefined;
    }
    for (const test of group.tests) {
      tally.total += 1;
      if (refusal === undefined) {
        try {
          if (engine.validate(test.data, schema, `suite-${index}`, { defaultDialect: draft.defaultDialect }).valid === test.valid) tally.engine += 1;
        } catch (error) {
          tally.notRun.push(`${where} / ${test.description}: validation failed: ${String(error)}`);
        }
      }
      try {
        if (plainValidate !== undefined && plainValidate(test.data) === test.valid) tally.plain += 1;
      } catch {
        // A plain-ajv crash is a disagreement.
      }
    }
  });
  return tally;
}

const percent = (n: number, total: number) => `${((100 * n) / Math.max(total, 1)).toFixed(1)}%`;

describe.skipIf(!existsSync(SUITE))('JSON-Schema-Test-Suite through the engine', () => {
  for (const draft of DRAFTS) {
    for (const part of ['core', 'optional/format'] as const) {
      it(`${draft.dir} ${part}: agrees at least as often as plain ajv, every test not run listed`, () => {
        const tally = run(draft, part);
        console.log(
          [
            `${draft.dir} ${part}: ${tally.total} tests; engine agrees ${tally.engine} (${percent(tally.engine, tally.total)}), plain ajv ${tally.plain} (${percent(tally.plain, tally.total)}); not run by the engine: ${tally.notRun.length}`,
            ...tally.notRun.map((line) => `  not run: ${line}`),
          ].join('\n'),
        );
        expect(tally.total).toBeGreaterThan(part === 'core' ? 500 : 50);
        expect(tally.engine).toBeGreaterThanOrEqual(tally.plain);
      });
    }
  }
});

// Only when absent, so that a run with the suite lists no skipped test for it.
if (!existsSync(SUITE)) {
  describe('JSON-Schema-Test-Suite', () => {
    it.skip(`skipped: the suite is not at ${SUITE}`, () => undefined);
  });
}
