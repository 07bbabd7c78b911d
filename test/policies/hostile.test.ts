/** Untrusted names and documents: reported with safe suggestions and valid pointers, never a crash. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../lib/engines/types.js';
import { evaluate, type Violation } from '../../lib/policies/index.js';
import { reservedIn } from '../../lib/policies/names.js';
import { IDENTIFIER_PATTERN } from '../../lib/sql/identifiers.js';
import { checkDefinition, definitionInput, objectSchema, violationsOf } from './support.js';

/** The value a JSON pointer names in `document`, or undefined when it names nothing. */
function resolve(document: Json, pointer: string): Json | undefined {
  let current: Json | undefined = document;
  for (const token of pointer.split('/').slice(1).map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'))) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, token)) return undefined;
    current = current[token];
  }
  return current;
}

/** The name a naming rule suggests, from `... "name"` at the end of its suggestion. */
const suggestedName = (violation: Violation) => /"([^"]*)"$/.exec(violation.suggestion)?.[1];

const NAMING_RULES = new Set(['snake-case-names', 'identifier-length', 'reserved-word']);

describe('hostile names', () => {
  it('reports a field named like an injection, and suggests a plain identifier', () => {
    const result = checkDefinition('notes', objectSchema({ 'x; DROP TABLE users': { type: 'string' } }));
    expect(violationsOf(result, 'snake-case-names')).toEqual([
      {
        rule: 'snake-case-names',
        severity: 'warning',
        message: 'field "x; DROP TABLE users" is not snake_case',
        suggestion: 'rename it to "x_drop_table_users"',
        path: '/definition/properties/x; DROP TABLE users',
      },
    ]);
  });

  it('escapes "/" and "~" in pointers and quotes names with control characters', () => {
    const result = checkDefinition('notes', objectSchema({ 'a/b~c': { type: 'string' }, 'line\nbreak"': { type: 'string' } }));
    expect(violationsOf(result, 'snake-case-names').map((v) => [v.path, v.message])).toEqual([
      ['/definition/properties/a~1b~0c', 'field "a/b~c" is not snake_case'],
      ['/definition/properties/line\nbreak"', 'field "line\\nbreak\\"" is not snake_case'],
    ]);
  });

  it('keeps messages short for a huge name', () => {
    const huge = `A${'b'.repeat(100_000)}`;
    const result = checkDefinition('notes', objectSchema({ [huge]: { type: 'string' } }));
    expect(result.violations.map((v) => v.rule)).toEqual(['identifier-length', 'snake-case-names']);
    for (const violation of result.violations) {
      expect(violation.message.length).toBeLessThan(200);
      expect(suggestedName(violation)).toMatch(/^ab{62}$/);
    }
  });

  it('survives prototype names and a hostile schema name', () => {
    const properties = JSON.parse('{"__proto__": {"type": "string"}, "constructor": {"type": "string"}, "": {"type": "string"}}') as Json;
    const input = definitionInput('x; DROP TABLE users', { type: 'object', properties });
    expect(input.fields.map((f) => f.name)).toEqual(['__proto__', 'constructor', '']);
    const result = evaluate(input);
    expect(violationsOf(result, 'snake-case-names').map((v) => [v.path, v.suggestion])).toEqual([
      ['/schema_name', 'rename it to "x_drop_table_users"'],
      ['/definition/properties/', 'rename it to "field_3"'],
    ]);
  });

  it('for any property names: never throws, points at the offending property, suggests a usable identifier', () => {
    const name = fc.oneof(
      fc.string({ maxLength: 70 }),
      fc.string({ unit: 'binary', maxLength: 70 }),
      fc.constantFrom('__proto__', 'constructor', 'order', 'userId', 'x; DROP TABLE users', '-', '~1', 'a/b', 'pg_class', 'Ωmega'),
    );
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 8 }), (names) => {
        const properties: Record<string, Json> = {};
        for (const n of names) Object.defineProperty(properties, n, { value: { type: 'string' }, enumerable: true });
        const definition = objectSchema(properties);
        const result = evaluate(definitionInput('things', definition));
        for (const violation of result.violations) {
          expect(NAMING_RULES.has(violation.rule)).toBe(true);
          expect(resolve({ definition }, violation.path)).toEqual({ type: 'string' });
          const suggestion = suggestedName(violation) ?? '';
          expect(suggestion).toMatch(IDENTIFIER_PATTERN);
          expect(suggestion.length).toBeLessThanOrEqual(63);
          expect(reservedIn(suggestion)).toEqual([]);
          expect(names.includes(suggestion)).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });
});
