/** Workspace policies: severity overrides, the field limit, refusals, and the JSON Schema the API validates with. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkWorkspacePolicy, evaluate, RULE_IDS, RULES, WORKSPACE_POLICY_SCHEMA } from '../../lib/policies/index.js';
import { SPECS } from '../../lib/policies/rules/index.js';
import { checkTable, refusal, rulesOf, tableInput, userPreferencesSeed, violationsOf } from './support.js';

describe('severity overrides', () => {
  it('raise a rule: text-over-varchar as an error makes the request high risk', () => {
    const table = { columns: [{ name: 'id', type: 'uuid', primary_key: true }, { name: 'code', type: 'varchar(8)' }, { name: 'created_at', type: 'timestamptz' }, { name: 'updated_at', type: 'timestamptz' }] };
    expect(checkTable('codes', table).risk).toBe('moderate');
    const strict = checkTable('codes', table, { policy: { severities: { 'text-over-varchar': 'error' } } });
    expect(violationsOf(strict, 'text-over-varchar').map((v) => v.severity)).toEqual(['error']);
    expect(strict.risk).toBe('high');
  });

  it('lower a rule, which reorders the report by severity', () => {
    const result = checkTable('user_preferences', userPreferencesSeed, { policy: { severities: { 'primary-key-required': 'info', 'timestamps-recommended': 'info' } } });
    expect(result.violations.map((v) => `${v.severity} ${v.rule}`)).toEqual([
      'warning text-over-varchar',
      'warning text-over-varchar',
      'info primary-key-required',
      'info timestamps-recommended',
      'info timestamps-recommended',
    ]);
    expect(result.risk).toBe('moderate');
  });

  it('turn a rule off: it neither reports nor counts as not applicable', () => {
    const result = checkTable('user_preferences', userPreferencesSeed, { policy: { severities: { 'timestamps-recommended': 'off', 'field-removed': 'off' } } });
    expect(rulesOf(result)).not.toContain('timestamps-recommended');
    expect(result.not_applicable).toEqual(['field-renamed', 'field-retyped', 'incompatible-change']);
  });

  it('refuse an unknown rule id, naming it and listing the known ones', () => {
    const error = refusal(() => evaluate(tableInput('user_preferences', userPreferencesSeed), { severities: { 'no-such-rule': 'off' } as never }));
    expect(error.message).toContain('unknown rule id "no-such-rule" in severities; known rule ids: protected-name, reserved-word,');
    expect(error.message).toContain('incompatible-change');
    expect(error.errors).toEqual([{ path: '/severities/no-such-rule', keyword: 'propertyNames', message: expect.stringContaining('"no-such-rule"') }]);
  });
});

describe('checkWorkspacePolicy', () => {
  it('accepts a full document and returns it', () => {
    const policy = { severities: { 'bigint-precision': 'off', 'field-retyped': 'error' }, max_fields: 250, auto_approve: true };
    expect(checkWorkspacePolicy(policy)).toBe(policy);
  });

  it('reports every problem at once, each with its pointer', () => {
    const error = refusal(() => checkWorkspacePolicy({ severities: { 'bigint-precision': 'fatal', nope: 'off', 'a/b': 'off' }, max_fields: 0, auto_approve: 'yes', extra: 1 }));
    expect(error.errors?.map((e) => `${e.path} ${e.keyword}`)).toEqual([
      '/extra additionalProperties',
      '/severities/nope propertyNames',
      '/severities/a~1b propertyNames',
      '/severities/bigint-precision enum',
      '/max_fields type',
      '/auto_approve type',
    ]);
    expect(error.message).toMatch(/^the workspace policy is invalid: unknown policy setting "extra"; use severities, max_fields, auto_approve, auto_create \(and 5 more problems\)$/);
  });

  it('refuses prototype keys smuggled in through JSON', () => {
    const error = refusal(() => checkWorkspacePolicy(JSON.parse('{"severities": {"__proto__": "off"}}')));
    expect(error.errors?.[0]?.path).toBe('/severities/__proto__');
  });

  it('agrees with WORKSPACE_POLICY_SCHEMA on good and bad documents', () => {
    const validate = new Ajv2020({ strict: true }).compile(WORKSPACE_POLICY_SCHEMA);
    const documents: unknown[] = [
      {},
      { auto_approve: false },
      { severities: {} },
      { severities: { 'too-many-fields': 'info' }, max_fields: 1 },
      { max_fields: 10_000 },
      { max_fields: 10_001 },
      { max_fields: 1.5 },
      { max_fields: '100' },
      { severities: { 'too-many-fields': 'critical' } },
      { severities: { unknown: 'off' } },
      { severities: [] },
      { auto_approve: 1 },
      { other: true },
      [],
      null,
      'strict',
    ];
    for (const document of documents) {
      let accepted = true;
      try {
        checkWorkspacePolicy(document);
      } catch {
        accepted = false;
      }
      expect([document, accepted]).toEqual([document, validate(document)]);
    }
  });
});

describe('the rule catalogue', () => {
  it('lists every rule once, in evaluation order, with a severity and a description', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    expect(Object.keys(SPECS).sort()).toEqual([...RULE_IDS].sort());
    for (const rule of RULES) {
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      expect(rule.description.length).toBeGreaterThan(20);
    }
  });

  it('pins the default severities', () => {
    expect(Object.fromEntries(RULES.map((r) => [r.id, r.severity]))).toEqual({
      'protected-name': 'error',
      'reserved-word': 'warning',
      'snake-case-names': 'warning',
      'identifier-length': 'error',
      'too-many-fields': 'warning',
      'primary-key-required': 'error',
      'timestamps-recommended': 'warning',
      'type-not-allowed': 'error',
      'default-not-allowed': 'error',
      'text-over-varchar': 'warning',
      'timestamptz-over-timestamp': 'warning',
      'bigint-precision': 'warning',
      'jsonb-needs-gin-index': 'info',
      'field-removed': 'error',
      'field-renamed': 'error',
      'field-retyped': 'warning',
      'incompatible-change': 'error',
    });
  });
});
