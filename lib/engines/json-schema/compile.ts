/**
 * Compiles a definition into an ajv validator after the safety checks, on the shared ajv instance of
 * its draft, leaving nothing of the definition behind in that instance.
 */
import type Ajv from 'ajv';
import type { AnySchema, ErrorObject, ValidateFunction } from 'ajv';
import type { ErrorDetail } from '../../errors.js';
import type { DefinitionWarning, Json } from '../types.js';
import { assertSafeDefinition, protoKeyProblems, refuse } from './check.js';
import { collectStrictNotes, draftOf, type Draft } from './drafts.js';
import { runsOnRe2, translatePattern } from './re2.js';
import { DEFAULT_BASE_URI } from './refs.js';
import { needsBudget, STEP_KEYWORD, withSteps } from './validation-budget.js';
import { escapePointerToken } from '../../util/json-pointer.js';
import { walkSchemas } from './walk.js';
import { WARNING_CODES } from './names.js';
import { isObject } from '../../util/json.js';

/** Typed so that every warning reported has one of WARNING_CODES. */
type Warning = DefinitionWarning & { code: (typeof WARNING_CODES)[number] };

export interface Compiled {
  /**
   * Reports every error of a refused document in one pass. Measured against a validator that stops at
   * the first error (bench/validate.ts's shapes, anyOf, uniqueItems, enum): as fast on valid documents,
   * so a refused one costs no second, all-errors pass.
   */
  validate: ValidateFunction;
  /** Whether `validate` must run within the work budget (see needsBudget); it counts steps only then. */
  metered: boolean;
  draft: Draft;
  warnings: DefinitionWarning[];
}

/**
 * Checks `definition` (as read: its draft's `$schema` added, references embedded; see engine.ts) and
 * compiles it; throws ValidationError (422) or PayloadTooLargeError (413).
 */
export function compileDefinition(definition: Json): Compiled {
  const draft = draftOf(definition);
  const { ajv } = draft;
  assertSafeDefinition(definition, draft.uri);
  const protoKeys = protoKeyProblems(definition);
  if (protoKeys.length) refuse(protoKeys);
  const stepKeyword = locateKeyword(definition, STEP_KEYWORD, undefined);
  if (stepKeyword !== undefined) refuse([{ path: stepKeyword, keyword: 'strict', message: `"${STEP_KEYWORD}" is reserved for the registry's validation budget; remove it` }]);
  // ajv's validateSchema reads `$schema` off its argument, so it throws on null instead of answering.
  if (definition === null) refuse([{ path: '', keyword: 'type', message: 'must be object,boolean (JSON Schema meta-schema)' }]);
  const schema = definition as AnySchema;
  if (!ajv.validateSchema(schema)) refuse(metaSchemaErrors(ajv.errors ?? []));
  const formats = unknownFormats(ajv, definition);
  const metered = needsBudget(definition);
  const compiled = metered ? (withSteps(schema) as AnySchema) : schema;
  const ownProperties = namesInheritedProperty(definition);
  const { result: validate, notes } = collectStrictNotes(() => compileIsolated(draft.instance({ ownProperties, metered }), compiled, definition, formats));
  const warnings = [...formatWarnings(formats), ...patternWarnings(definition), ...notes.map((note) => strictWarning(note, definition))];
  return { validate, metered, draft, warnings: dedupe(warnings) };
}

/** What JSON objects inherit: every property name of Object.prototype, `__proto__` included. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Whether a keyword of `definition` looks a property up by a name documents inherit. Only then does the
 * validator need ajv's `ownProperties` (see InstanceOptions): documents are JSON values, whose objects
 * inherit from Object.prototype alone, so for any other name a lookup finds only the document's own.
 */
function namesInheritedProperty(definition: Json): boolean {
  const inherited = (name: Json) => typeof name === 'string' && INHERITED.has(name);
  let found = false;
  walkSchemas(definition, undefined, (schema) => {
    const { required, properties, dependentRequired, dependentSchemas, dependencies } = schema;
    if (Array.isArray(required) && required.some(inherited)) found = true;
    for (const map of [properties, dependentRequired, dependentSchemas, dependencies]) {
      if (!isObject<Json>(map)) continue;
      // Keys name properties; so do the arrays of names dependentRequired and dependencies map them to.
      for (const [name, value] of Object.entries(map)) if (inherited(name) || (Array.isArray(value) && value.some(inherited))) found = true;
    }
    return undefined;
  });
  return found;
}

function dedupe(warnings: DefinitionWarning[]): DefinitionWarning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}|${w.path}|${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `format` values the draft's ajv does not know, with where each is used. */
function unknownFormats(ajv: Ajv, definition: Json): Map<string, string[]> {
  const found = new Map<string, string[]>();
  walkSchemas(definition, undefined, (schema, pointer) => {
    const format = schema.format;
    if (typeof format === 'string' && !Object.hasOwn(ajv.formats, format)) found.set(format, [...(found.get(format) ?? []), `${pointer}/format`]);
    return undefined;
  });
  return found;
}

function formatWarnings(formats: Map<string, string[]>): Warning[] {
  return [...formats].flatMap(([format, paths]) =>
    paths.map((path) => ({
      code: 'unknown_format',
      path,
      message: `format ${JSON.stringify(format)} is not one the registry knows: it is kept as an annotation and any value passes it (as 2019-09 and later specify for unknown formats)`,
    })),
  );
}

/** Patterns RE2 runs only after a translation (exact: the verdicts are ECMAScript's); native ones need none. */
function patternWarnings(definition: Json): Warning[] {
  const warnings: Warning[] = [];
  const note = (pattern: string, path: string) => {
    if (runsOnRe2(pattern) && translatePattern(pattern).changed) {
      warnings.push({ code: 'pattern_translated', path, message: `pattern ${JSON.stringify(pattern)} runs on the linear-time RE2 engine through an exact translation of its ECMAScript meaning (\\s, ., long Unicode property names)` });
    }
  };
  walkSchemas(definition, undefined, (schema, pointer) => {
    if (typeof schema.pattern === 'string') note(schema.pattern, `${pointer}/pattern`);
    const patterns = schema.patternProperties;
    if (typeof patterns === 'object' && patterns !== null && !Array.isArray(patterns)) {
      for (const key of Object.keys(patterns)) note(key, `${pointer}/patternProperties/${escapePointerToken(key)}`);
    }
    return undefined;
  });
  return warnings;
}

/** One of ajv's strict-mode notes (the standard accepts what they describe) as a warning. */
function strictWarning(note: string, definition: Json): Warning {
  const text = note.replace(/^strict mode: /, '');
  const unknownKeyword = /unknown keyword: "([^"]+)"/.exec(text)?.[1];
  if (unknownKeyword !== undefined) {
    return {
      code: 'unknown_keyword',
      path: locateKeyword(definition, unknownKeyword, ''),
      message: `keyword ${JSON.stringify(unknownKeyword)} is not part of the draft: it has no effect on validation (check its spelling; extension data can go under "x-sql")`,
    };
  }
  const schemaPath = /at (?:path )?"#([^"]*)"/.exec(text)?.[1];
  const path = schemaPath === undefined ? '' : safeDecode(schemaPath);
  if (/matches pattern/.test(text)) return { code: 'property_matches_pattern', path, message: `${text}: both the property schema and the pattern schema apply to it` };
  return { code: 'inert_keyword', path, message: `${text}: the keyword has no effect on validation` };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function metaSchemaErrors(errors: ErrorObject[]): ErrorDetail[] {
  const details = errors.map((e) => ({ path: e.instancePath, keyword: e.keyword, message: `${e.message ?? 'is invalid'} (JSON Schema meta-schema)` }));
  return details.filter((d, i) => details.findIndex((o) => o.path === d.path && o.message === d.message) === i);
}

/**
 * Compiles on the shared instance and then removes every trace of the definition from it.
 *
 * The definition is added under DEFAULT_BASE_URI for the time of the compile, because ajv resolves a
 * reference to the root by its `$id` (or `#` without one) only through schemas added to the instance.
 * ajv also caches every compiled schema object and records embedded `$id`s instance-wide: a leak per
 * compile, and a way for one definition's `$id`s to interfere with another's. The validator no longer
 * needs any of it once compiled. Compilation is synchronous, so no other definition sees the window.
 */
function compileIsolated(ajv: Ajv, schema: AnySchema, definition: Json, unknown: Map<string, string[]>): ValidateFunction {
  const knownRefs = new Set(Object.keys(ajv.refs));
  // Unknown formats compile as "always valid" (ajv checks the format table only while compiling).
  for (const format of unknown.keys()) ajv.addFormat(format, true);
  try {
    ajv.addSchema(schema, DEFAULT_BASE_URI);
    const validator = ajv.getSchema(DEFAULT_BASE_URI);
    if (validator === undefined) throw new Error('ajv did not compile the definition');
    return validator as ValidateFunction;
  } catch (error) {
    return refuse([compileError(error, definition)]);
  } finally {
    ajv.removeSchema(DEFAULT_BASE_URI);
    for (const format of unknown.keys()) delete ajv.formats[format];
    for (const ref of Object.keys(ajv.refs)) if (!knownRefs.has(ref)) delete ajv.refs[ref];
  }
}

/** Turns an ajv compile failure into an error detail, locating the offending keyword when possible. */
function compileError(error: unknown, definition: Json): ErrorDetail {
  if (error instanceof RangeError) {
    return { path: '', keyword: '$ref', message: 'definition chains $refs too deeply to compile; flatten the chain of $defs' };
  }
  const message = error instanceof Error ? error.message : String(error);
  const unknownKeyword = /unknown keyword: "([^"]+)"/.exec(message)?.[1];
  if (unknownKeyword !== undefined) {
    return {
      path: locateKeyword(definition, unknownKeyword, ''),
      keyword: 'strict',
      message: `${message}; fix its spelling, or move extension data under "x-sql" (the only extension keyword)`,
    };
  }
  const schemaPath = /at (?:path )?"#([^"]*)"/.exec(message)?.[1];
  return {
    path: schemaPath === undefined ? '' : decodeURIComponent(schemaPath),
    keyword: message.startsWith('strict mode') ? 'strict' : message.startsWith('unknown format') ? 'format' : 'compile',
    message,
  };
}

/** Pointer of the first schema object using `keyword`, or `fallback` when none does. */
function locateKeyword<F>(definition: Json, keyword: string, fallback: F): string | F {
  let found: string | undefined;
  walkSchemas(definition, undefined, (schema, pointer) => {
    if (found === undefined && Object.hasOwn(schema, keyword)) found = `${pointer}/${escapePointerToken(keyword)}`;
    return undefined;
  });
  return found ?? fallback;
}
