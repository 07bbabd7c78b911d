/**
 * The default SchemaEngine: JSON Schema (draft-07, 2019-09, 2020-12) on ajv, hardened for untrusted
 * definitions (see check.ts and drafts.ts).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ErrorDetail } from '../../errors.js';
import type { CompareOptions, CompareResult, FieldDescription, Json, SchemaEngine, ValidationResult } from '../types.js';
import { compareJsonSchemas } from './compare.js';
import { assertSafeDefinition } from './check.js';
import { compileDefinition } from './compile.js';
import { startingValue } from './default-value.js';
import { draftOf } from './drafts.js';
import { flattenFields } from './describe.js';
import { LruCache } from '../../util/lru.js';
import { shapeOf } from './shape.js';
import { escapePointerToken } from '../../util/json-pointer.js';

export interface JsonSchemaEngineOptions {
  /** Compiled validators kept, by schema version id. @default 1000 */
  cacheSize?: number;
}

const VALID: ValidationResult = Object.freeze({ valid: true });

/** Keywords that fail on the parent object of a missing property; the caller wants the property. */
const MISSING_PROPERTY_KEYWORDS = new Set(['required', 'dependencies', 'dependentRequired']);

function toErrorDetail(error: ErrorObject): ErrorDetail {
  const message = error.message ?? `must pass "${error.keyword}"`;
  const missing: unknown = MISSING_PROPERTY_KEYWORDS.has(error.keyword) ? error.params.missingProperty : undefined;
  if (typeof missing !== 'string') return { path: error.instancePath, message, keyword: error.keyword };
  return { path: `${error.instancePath}/${escapePointerToken(missing)}`, message, keyword: error.keyword };
}

/** The shape of a definition that passes the safety checks (reading it follows its `$ref`s). */
function shapeOfSafe(definition: Json) {
  draftOf(definition);
  return shapeOf(definition, assertSafeDefinition(definition));
}

export class JsonSchemaEngine implements SchemaEngine {
  readonly name: string = 'json-schema';
  readonly #validators: LruCache<string, ValidateFunction>;

  constructor(options: JsonSchemaEngineOptions = {}) {
    this.#validators = new LruCache(options.cacheSize ?? 1000);
  }

  checkDefinition(definition: Json): void {
    compileDefinition(definition);
  }

  /**
   * The compiled validator of `definition`. With a `cacheKey` (a schema version id: versions are
   * immutable, so an entry never goes stale) it is compiled once and reused.
   */
  validator(definition: Json, cacheKey?: string): ValidateFunction {
    if (cacheKey === undefined) return compileDefinition(definition);
    let validator = this.#validators.get(cacheKey);
    if (validator === undefined) {
      validator = compileDefinition(definition);
      this.#validators.set(cacheKey, validator);
    }
    return validator;
  }

  validate(data: unknown, definition: Json, cacheKey?: string): ValidationResult {
    const validator = this.validator(definition, cacheKey);
    return validator(data) ? VALID : { valid: false, errors: (validator.errors ?? []).map(toErrorDetail) };
  }

  describeFields(definition: Json): FieldDescription[] {
    return flattenFields(shapeOfSafe(definition));
  }

  defaultValue(definition: Json): Json {
    return startingValue(shapeOfSafe(definition));
  }

  compare(previous: Json, next: Json, options?: CompareOptions): CompareResult {
    return compareJsonSchemas(previous, next, options);
  }
}
