/**
 * The Avro SchemaEngine (avsc): definitions are Avro schemas as JSON, documents are in Avro's JSON
 * encoding, compatibility follows Avro's schema resolution rules, and named types of other versions are
 * used by full name once the version is listed in the top-level `x-registry-references`.
 */
import type { CheckOptions, CompareOptions, CompareResult, DefinitionReport, DialectOptions, FieldDescription, Json, SchemaEngine, ValidationResult } from '../types.js';
import { LruCache } from '../../util/lru.js';
import { compareAvro } from './compare.js';
import { describeAvro, startingAvro } from './fields.js';
import { declaredReferences, readAvro, type AvroNode } from './model.js';
import { avroProblems } from './payload.js';

/** The dialect recorded on Avro versions: the specification the rules follow. */
export const AVRO_DIALECT = 'avro-1.11';
const VALID: ValidationResult = Object.freeze({ valid: true });

export class AvroEngine implements SchemaEngine {
  readonly name = 'avro';
  readonly #read = new LruCache<string, AvroNode>(1000);

  referencedUris(definition: Json): string[] {
    return declaredReferences(definition);
  }

  checkDefinition(definition: Json, options: CheckOptions = {}): DefinitionReport {
    readAvro(definition, options.references);
    return { dialect: AVRO_DIALECT, warnings: [] };
  }

  validate(data: unknown, definition: Json, cacheKey?: string, options: DialectOptions = {}): ValidationResult {
    let root = cacheKey === undefined ? undefined : this.#read.get(cacheKey);
    if (root === undefined) {
      root = readAvro(definition, options.references).root;
      if (cacheKey !== undefined) this.#read.set(cacheKey, root);
    }
    const errors = avroProblems(root, data);
    return errors.length === 0 ? VALID : { valid: false, errors };
  }

  describeFields(definition: Json, options: DialectOptions = {}): FieldDescription[] {
    return describeAvro(readAvro(definition, options.references).root);
  }

  defaultValue(definition: Json, options: DialectOptions = {}): Json {
    return startingAvro(readAvro(definition, options.references).root);
  }

  compare(previous: Json, next: Json, options: CompareOptions = {}): CompareResult {
    return compareAvro(readAvro(previous, options.previousReferences).root, readAvro(next, options.nextReferences).root);
  }

  /** Avro's Parsing Canonical Form: what Avro tools fingerprint (names qualified, docs, defaults and aliases dropped). */
  canonicalForm(definition: Json, options: DialectOptions = {}): string {
    return JSON.stringify(readAvro(definition, options.references).type.schema());
  }
}
