/** The risk rule: errors and destructive or breaking diffs are high; warnings and any new version moderate. */
import { describe, expect, it } from 'vitest';
import { isAutoApprovable } from '../../lib/policies/index.js';
import { checkDefinition, checkTable, cleanTable, cleanTableWith, objectSchema, publishedTable } from './support.js';

describe('risk', () => {
  it('is low for a new schema with nothing above info', () => {
    const result = checkTable('articles', cleanTableWith([{ name: 'metadata', type: 'jsonb' }]));
    expect(result.violations.map((v) => v.severity)).toEqual(['info']);
    expect(result).toMatchObject({ risk: 'low', risk_reasons: [] });
  });

  it('is low for a plain JSON Schema with good names', () => {
    expect(checkDefinition('events', objectSchema({ kind: { type: 'string' }, at: { type: 'string', format: 'date-time' } })).risk).toBe('low');
  });

  it('is moderate for any new version of an existing schema, even a compatible one', () => {
    const previous = publishedTable('articles', cleanTable);
    const result = checkTable('articles', cleanTableWith([{ name: 'notes', type: 'text' }]), { previous });
    expect(result.violations).toEqual([]);
    expect(result).toMatchObject({ risk: 'moderate', risk_reasons: ['changes an existing schema'] });
  });

  it('is high for a breaking change even when the workspace turns incompatible-change off', () => {
    const previous = objectSchema({ age: { type: 'integer' } });
    const result = checkDefinition('people', objectSchema({ age: { type: 'integer', minimum: 0 } }), { previous, policy: { severities: { 'incompatible-change': 'off' } } });
    expect(result.violations).toEqual([]);
    expect(result).toMatchObject({ risk: 'high', risk_reasons: ['1 backward-incompatible change from the previous version', 'changes an existing schema'] });
  });

  it('is high for a removed field even when the workspace lowers field-removed to info', () => {
    const previous = objectSchema({ name: { type: 'string' }, age: { type: 'integer' } });
    const result = checkDefinition('people', objectSchema({ name: { type: 'string' } }), { previous, policy: { severities: { 'field-removed': 'info' } } });
    expect(result.risk).toBe('high');
    expect(result.risk_reasons).toContain('1 field of the previous version removed or renamed');
  });

  it('is high for any error, naming the rules behind it', () => {
    const result = checkDefinition('messages', objectSchema({}));
    expect(result).toMatchObject({ risk: 'high', risk_reasons: ['1 error (protected-name)'] });
  });
});

describe('isAutoApprovable', () => {
  it('needs both auto_approve and low risk', () => {
    expect(isAutoApprovable({ risk: 'low' }, { auto_approve: true })).toBe(true);
    expect(isAutoApprovable({ risk: 'moderate' }, { auto_approve: true })).toBe(false);
    expect(isAutoApprovable({ risk: 'low' }, { auto_approve: false })).toBe(false);
    expect(isAutoApprovable({ risk: 'low' })).toBe(false);
  });
});
