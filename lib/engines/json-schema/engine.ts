/**
 * The default SchemaEngine: JSON Schema (draft-07, 2019-09, 2020-12) on ajv, hardened for untrusted
 * definitions (see check.ts and drafts.ts).
 */
import type { ErrorObject } from 'ajv';
import type { ErrorDetail } from '../../errors.js';
import type { CheckOptions, CompareOptions, CompareResult, DefinitionReport, DialectOptions, FieldDescription, Json, SchemaEngine, ValidationResult } from '../types.js';
import { compareJsonSchemas } from './compare.js';
import { bundle, embeddedPrefix, registryReferences } from './bundle.js';
import { assertSafeDefinition, refuse } from './check.js';
import { compileDefinition } from './compile.js';
import { startingValue } from './default-value.js';
import { draftOf, inDraft } from './drafts.js';
import { DEFAULT_DRAFT } from './names.js';
import { flattenFields } from './describe.js';
import { inexactNumbers } from '../../util/json-numbers.js';
import { LruCache } from '../../util/lru.js';
import { OutputBudget } from './output-budget.js';
import { withinBudget } from './validation-budget.js';
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

/** The definition as every operation reads it: in its draft, with the versions it references embedded. */
function read(definition: Json, options: DialectOptions = {}): Json {
  return bundle(inDraft(definition, options.defaultDialect), options.references);
}

/** The shape of a definition that passes the safety checks (reading it follows its `$ref`s). */
function shapeOfSafe(definition: Json, budget: OutputBudget, options: DialectOptions = {}) {
  const bundled = read(definition, options);
  return shapeOf(bundled, assertSafeDefinition(bundled, draftOf(bundled).uri), budget);
}

/** A document's verdict against one compiled definition. */
export type DocumentCheck = (data: unknown) => ValidationResult;

function compileCheck(definition: Json, options: DialectOptions | undefined): DocumentCheck {
  const { validate, metered } = compileDefinition(read(definition, options));
  const refusal = (): ValidationResult => ({ valid: false, errors: (validate.errors ?? []).map(toErrorDetail) });
  return metered ? (data) => (withinBudget(validate, data) ? VALID : refusal()) : (data) => (validate(data) ? VALID : refusal());
}

export class JsonSchemaEngine implements SchemaEngine {
  readonly name: string = 'json-schema';
  readonly defaultDialect: string = DEFAULT_DRAFT;
  readonly #validators: LruCache<string, DocumentCheck>;

  constructor(options: JsonSchemaEngineOptions = {}) {
    this.#validators = new LruCache(options.cacheSize ?? 1000);
  }

  referencedUris(definition: Json): string[] {
    return registryReferences(definition);
  }

  checkDefinition(definition: Json, options: CheckOptions = {}): DefinitionReport {
    const numbers = inexactNumbers(definition, '', 'write a finite value within ±9007199254740991');
    if (numbers.length > 0) refuse(numbers);
    const bundled = read(definition, options);
    // What the referenced versions hold was reported when they were published.
    const embedded = embeddedPrefix(bundled);
    const own = (path: string) => path !== embedded && !path.startsWith(embedded);
    const { draft, warnings } = compileDefinition(bundled);
    const mine = warnings.filter((w) => own(w.path));
    const refused = mine.filter((w) => options.refuseWarnings?.includes(w.code));
    if (refused.length > 0) {
      refuse(refused.map((w) => ({ path: w.path, keyword: w.code, message: `${w.message} (refused by this workspace's warning policy: refuse_warnings includes "${w.code}")` })));
    }
    return { dialect: draft.name, warnings: mine };
  }

  /**
   * The compiled validator of `definition`. With a `cacheKey` (a schema version id: versions are
   * immutable, so an entry never goes stale) it is compiled once and reused.
   */
  validator(definition: Json, cacheKey?: string, options?: DialectOptions): DocumentCheck {
    // No closure for the compile: allocating one on every call cost more than a whole validation.
    if (cacheKey === undefined) return compileCheck(definition, options);
    let check = this.#validators.get(cacheKey);
    if (check === undefined) {
      check = compileCheck(definition, options);
      this.#validators.set(cacheKey, check);
    }
    return check;
  }

  validate(data: unknown, definition: Json, cacheKey?: string, options?: DialectOptions): ValidationResult {
    return this.validator(definition, cacheKey, options)(data);
  }

  describeFields(definition: Json, options?: DialectOptions): FieldDescription[] {
    const budget = new OutputBudget('the field description');
    return flattenFields(shapeOfSafe(definition, budget, options), budget);
  }

  defaultValue(definition: Json, options?: DialectOptions): Json {
    const budget = new OutputBudget('the starting document');
    return startingValue(shapeOfSafe(definition, budget, options), budget);
  }

  compare(previous: Json, next: Json, options: CompareOptions = {}): CompareResult {
    const { previousDialect, nextDialect, previousReferences, nextReferences, ...rest } = options;
    return compareJsonSchemas(read(previous, { defaultDialect: previousDialect, references: previousReferences }), read(next, { defaultDialect: nextDialect, references: nextReferences }), rest);
  }
}
