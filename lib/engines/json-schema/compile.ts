/**
 * Compiles a definition into an ajv validator after the safety checks, on the shared ajv instance of
 * its draft, leaving nothing of the definition behind in that instance.
 */
import type Ajv from 'ajv';
import type { AnySchema, ErrorObject, ValidateFunction } from 'ajv';
import type { ErrorDetail } from '../../errors.js';
import type { Json } from '../types.js';
import { assertSafeDefinition, protoKeyProblems, refuse } from './check.js';
import { draftOf } from './drafts.js';
import { DEFAULT_BASE_URI } from './refs.js';
import { escapePointerToken } from '../../util/json-pointer.js';
import { walkSchemas } from './walk.js';

/** Checks `definition` and compiles it; throws ValidationError (422) or PayloadTooLargeError (413). */
export function compileDefinition(definition: Json): ValidateFunction {
  const { ajv } = draftOf(definition);
  assertSafeDefinition(definition);
  const protoKeys = protoKeyProblems(definition);
  if (protoKeys.length) refuse(protoKeys);
  // ajv's validateSchema reads `$schema` off its argument, so it throws on null instead of answering.
  if (definition === null) refuse([{ path: '', keyword: 'type', message: 'must be object,boolean (JSON Schema meta-schema)' }]);
  const schema = definition as AnySchema;
  if (!ajv.validateSchema(schema)) refuse(metaSchemaErrors(ajv.errors ?? []));
  return compileIsolated(ajv, schema, definition);
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
function compileIsolated(ajv: Ajv, schema: AnySchema, definition: Json): ValidateFunction {
  const knownRefs = new Set(Object.keys(ajv.refs));
  try {
    ajv.addSchema(schema, DEFAULT_BASE_URI);
    const validator = ajv.getSchema(DEFAULT_BASE_URI);
    if (validator === undefined) throw new Error('ajv did not compile the definition');
    return validator as ValidateFunction;
  } catch (error) {
    return refuse([compileError(error, definition)]);
  } finally {
    ajv.removeSchema(DEFAULT_BASE_URI);
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
      path: locateKeyword(definition, unknownKeyword),
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

/** Pointer of the first schema object using `keyword`, or the root when none does. */
function locateKeyword(definition: Json, keyword: string): string {
  let found: string | undefined;
  walkSchemas(definition, undefined, (schema, pointer) => {
    if (found === undefined && Object.hasOwn(schema, keyword)) found = `${pointer}/${escapePointerToken(keyword)}`;
    return undefined;
  });
  return found ?? '';
}
