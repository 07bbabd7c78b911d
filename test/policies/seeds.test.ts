/** The seed documents' requests, checked end to end: parse, describe, diff, evaluate. */
import { describe, expect, it } from 'vitest';
import { isAutoApprovable } from '../../lib/policies/index.js';
import { caricaturesV1, caricaturesV2 } from '../sql/fixtures.js';
import { checkTable, generatedImagesSeed, publishedTable, rulesOf, userPreferencesSeed, violationsOf } from './support.js';

describe('seed requests', () => {
  it('caricatures: only the missing updated_at, as a warning; the key is there and no jsonb needs GIN', () => {
    const result = checkTable('caricatures', caricaturesV1);
    expect(result.violations).toEqual([
      {
        rule: 'timestamps-recommended',
        severity: 'warning',
        message: 'table "caricatures" has no "updated_at" column',
        suggestion: 'add {"name": "updated_at", "type": "timestamptz", "nullable": false, "default": "CURRENT_TIMESTAMP"} to track changes',
        path: '/table/columns',
      },
    ]);
    expect(result.risk).toBe('moderate');
    expect(result.risk_reasons).toEqual(['1 warning']);
    expect(result.not_applicable).toEqual(['field-removed', 'field-renamed', 'field-retyped', 'incompatible-change']);
  });

  it('user_preferences: no primary key is an error, each varchar(255) a warning, both timestamps missing', () => {
    const result = checkTable('user_preferences', userPreferencesSeed);
    expect(violationsOf(result, 'primary-key-required')).toEqual([
      {
        rule: 'primary-key-required',
        severity: 'error',
        message: 'table "user_preferences" has no primary key',
        suggestion: 'add a key column, e.g. {"name": "id", "type": "uuid", "primary_key": true, "default": "gen_random_uuid()"}',
        path: '/table/columns',
      },
    ]);
    expect(violationsOf(result, 'text-over-varchar').map((v) => [v.message, v.path])).toEqual([
      ['column "preference_key" is "varchar(255)"; prefer text', '/table/columns/0/type'],
      ['column "user_id" is "varchar(255)"; prefer text', '/table/columns/2/type'],
    ]);
    expect(violationsOf(result, 'timestamps-recommended').map((v) => v.message)).toEqual([
      'table "user_preferences" has no "created_at" column',
      'table "user_preferences" has no "updated_at" column',
    ]);
    expect(rulesOf(result)).toEqual(['primary-key-required', 'timestamps-recommended', 'timestamps-recommended', 'text-over-varchar', 'text-over-varchar']);
    expect(result.risk).toBe('high');
    expect(result.risk_reasons).toEqual(['1 error (primary-key-required)', '4 warnings']);
  });

  it('generated_images: nothing to report, low risk, auto-approvable where the workspace allows it', () => {
    const result = checkTable('generated_images', generatedImagesSeed);
    expect(result.violations).toEqual([]);
    expect(result.risk).toBe('low');
    expect(isAutoApprovable(result, { auto_approve: true })).toBe(true);
    expect(isAutoApprovable(result, {})).toBe(false);
  });

  it('caricatures v2 over v1: the dropped column, the retyped one and the engine diff\'s breaking changes', () => {
    const result = checkTable('caricatures', caricaturesV2, { previous: publishedTable('caricatures', caricaturesV1) });
    expect(violationsOf(result, 'field-removed')).toEqual([
      {
        rule: 'field-removed',
        severity: 'error',
        message: 'column "description" of the previous version is removed',
        suggestion: 'keep it, and say in its description that it is deprecated; remove it only once nothing reads it',
        path: '/table/columns',
      },
    ]);
    expect(violationsOf(result, 'field-retyped').map((v) => [v.message, v.path])).toEqual([['column "username" changes type from text to varchar(64)', '/table/columns/2/type']]);
    const incompatible = violationsOf(result, 'incompatible-change');
    expect(incompatible.map((v) => v.path)).toEqual(['/table/columns/2', '/table/columns/2', '/table/columns']);
    expect(incompatible[2]?.message).toMatch(/^backward-incompatible change \(property_removed\) at "\/properties\/description": Property 'description' was removed/);
    // v2 adds updated_at and indexes its jsonb column.
    expect(violationsOf(result, 'timestamps-recommended')).toEqual([]);
    expect(violationsOf(result, 'jsonb-needs-gin-index')).toEqual([]);
    expect(result.risk).toBe('high');
    expect(result.risk_reasons).toContain('1 field of the previous version removed or renamed');
    expect(result.not_applicable).toEqual([]);
  });
});
