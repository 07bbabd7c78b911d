/**
 * The Protobuf SchemaEngine (protobufjs): a definition is the `.proto` source as a JSON string, documents
 * are in the canonical JSON mapping and validated against the file's first message, compatibility follows
 * Protobuf's evolution rules, and imports name registry versions or Google's well-known types.
 */
import type { CheckOptions, CompareOptions, CompareResult, DefinitionReport, DialectOptions, FieldDescription, Json, SchemaEngine, ValidationResult } from '../types.js';
import { LruCache } from '../../util/lru.js';
import { fingerprint } from '../../util/canonical-json.js';
import { compareProto } from './compare.js';
import { describeProto, startingProto } from './fields.js';
import { declarations, importedUris, readProto, type ProtoSchema } from './model.js';
import { protoProblems } from './payload.js';

const VALID: ValidationResult = Object.freeze({ valid: true });

export class ProtobufEngine implements SchemaEngine {
  readonly name = 'protobuf';
  readonly #read = new LruCache<string, ProtoSchema>(1000);

  referencedUris(definition: Json): string[] {
    return importedUris(definition);
  }

  checkDefinition(definition: Json, options: CheckOptions = {}): DefinitionReport {
    return { dialect: readProto(definition, options.references).dialect, warnings: [] };
  }

  validate(data: unknown, definition: Json, cacheKey?: string, options: DialectOptions = {}): ValidationResult {
    let schema = cacheKey === undefined ? undefined : this.#read.get(cacheKey);
    if (schema === undefined) {
      schema = readProto(definition, options.references);
      if (cacheKey !== undefined) this.#read.set(cacheKey, schema);
    }
    const errors = protoProblems(schema.message, data);
    return errors.length === 0 ? VALID : { valid: false, errors };
  }

  describeFields(definition: Json, options: DialectOptions = {}): FieldDescription[] {
    return describeProto(readProto(definition, options.references).message);
  }

  defaultValue(definition: Json, options: DialectOptions = {}): Json {
    return startingProto(readProto(definition, options.references).message);
  }

  compare(previous: Json, next: Json, options: CompareOptions = {}): CompareResult {
    return compareProto(readProto(previous, options.previousReferences), readProto(next, options.nextReferences));
  }

  /** The file's declarations as protobufjs JSON descriptors, with its imports: comments and spacing gone. */
  canonicalForm(definition: Json): string {
    const { descriptor, imports } = declarations(definition);
    return JSON.stringify({ imports, descriptor });
  }

  /** Of the canonical form, so the same declarations spaced or commented differently are the same version. */
  fingerprint(definition: Json): string {
    return fingerprint(JSON.parse(this.canonicalForm(definition)));
  }
}
