/**
 * The SchemaEngine contract. The registry stores definitions as opaque JSON; an engine (JSON Schema by
 * default) gives them meaning. Handlers and services only ever talk to this interface, looked up by name
 * in the engine registry, so a new engine plugs in without touching them.
 */
import type { ErrorDetail } from '../errors.js';

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null' | 'any';

/** One field of a definition, flattened; the common language of policies, forms and SQL previews. */
export interface FieldDescription {
  /** JSON pointer of the field in a document, e.g. `/address/street`; array items use `/-`. */
  path: string;
  /** The field's own name (last path segment); `-` for array items. */
  name: string;
  /** Non-null types the field accepts (several for unions); `any` when unconstrained. */
  types: FieldType[];
  required: boolean;
  nullable: boolean;
  description?: string;
  default?: Json;
  enum?: Json[];
  format?: string;
  maxLength?: number;
  /** Engine-specific annotations kept verbatim (e.g. `x-sql` column hints from a table request). */
  annotations?: Record<string, Json>;
}

/** Result of validating one document. */
export type ValidationResult = { valid: true } | { valid: false; errors: ErrorDetail[] };

/** The stable set of change kinds a `compare` can report. */
export type ChangeType =
  | 'property_added_open_model'
  | 'property_added_closed_model'
  /** Added where additionalProperties (or a patternProperties entry) was a schema: compared against it. */
  | 'property_added_partially_open_model'
  | 'property_removed'
  | 'required_added'
  | 'required_removed'
  | 'type_narrowed'
  | 'type_widened'
  | 'type_changed'
  | 'enum_value_added'
  | 'enum_value_removed'
  | 'enum_added'
  | 'enum_removed'
  | 'const_changed'
  | 'maximum_tightened'
  | 'maximum_relaxed'
  | 'minimum_tightened'
  | 'minimum_relaxed'
  | 'multiple_of_changed'
  | 'length_tightened'
  | 'length_relaxed'
  | 'items_tightened'
  | 'items_relaxed'
  | 'pattern_changed'
  | 'pattern_added'
  | 'pattern_removed'
  | 'format_changed'
  /** contentEncoding / contentMediaType added, removed or changed. */
  | 'content_changed'
  | 'additional_properties_tightened'
  | 'additional_properties_relaxed'
  | 'combiner_changed'
  | 'schema_tightened'
  | 'schema_relaxed'
  | 'annotation_changed'
  /** Avro and Protobuf: a record field or message field added, removed or renamed (Avro, through aliases). */
  | 'field_added'
  | 'field_removed'
  | 'field_renamed'
  /** Avro: a field's or an enum's default added, removed or changed (what a reader fills in for missing data). */
  | 'default_added'
  | 'default_removed'
  | 'default_changed'
  /** Avro: aliases of a named type or field; the full name of a named type. */
  | 'alias_added'
  | 'alias_removed'
  | 'name_changed'
  | 'union_branch_added'
  | 'union_branch_removed'
  /** Avro: a fixed type's size. */
  | 'size_changed'
  /** Protobuf: a field's number, a number or name reserved or released, oneof membership, cardinality. */
  | 'field_number_changed'
  | 'reserved_added'
  | 'reserved_removed'
  | 'reserved_reused'
  | 'oneof_changed'
  | 'cardinality_changed'
  /** Protobuf: a message or enum type added or removed. */
  | 'type_added'
  | 'type_removed'
  | 'unknown_change';

/** One difference between two definitions, explained. */
export interface Change {
  type: ChangeType;
  /** JSON pointer into the definition where the change is. */
  path: string;
  before?: Json;
  after?: Json;
  /** Every document valid under the old definition is still valid under the new one, as far as this change goes. */
  backward_compatible: boolean;
  /** Every document valid under the new definition is valid under the old one, as far as this change goes. */
  forward_compatible: boolean;
  /** A sentence a person can act on. */
  explanation: string;
}

/** Something worth knowing about a definition the engine accepts (nothing the standard forbids). */
export interface DefinitionWarning {
  /** Stable code, e.g. `unknown_format`, `unknown_keyword`, `inert_keyword`: a workspace may refuse chosen codes. */
  code: string;
  /** JSON pointer into the definition. */
  path: string;
  message: string;
}

/**
 * The scheme of references to other versions of the same workspace: `registry://{workspace}/{name}/{version}`.
 * The registry resolves them from its own table when a definition is published; nothing is ever fetched.
 */
export const REGISTRY_URI_PREFIX = 'registry://';

/** A version another definition references, as the registry loaded it. */
export interface ReferencedDefinition {
  /** `registry://{workspace}/{name}/{version}`, as the referencing definition names it. */
  uri: string;
  definition: Json;
  /** The dialect that version was published under. */
  dialect?: string | undefined;
}

/** How to read a definition: the dialect when it declares none, and the versions it references. */
export interface DialectOptions {
  /** Dialect of a definition that declares none (JSON Schema: `2020-12` or `draft-07`); the engine's default without it. */
  defaultDialect?: string | undefined;
  /** Every version the definition references, directly or through another referenced version. */
  references?: readonly ReferencedDefinition[] | undefined;
}

export interface CheckOptions extends DialectOptions {
  /** Warning codes that refuse the definition (422) instead of being reported: a stricter house style. */
  refuseWarnings?: readonly string[] | undefined;
}

/** What checkDefinition found: the dialect in force (stored on the version) and the warnings. */
export interface DefinitionReport {
  dialect: string;
  warnings: DefinitionWarning[];
}

export interface CompareOptions {
  /**
   * How to treat a property added to an open content model (additionalProperties absent/true).
   * `lenient` (default): compatible both ways, as users expect. `strict`: the added property may
   * contradict values old documents already carried under that name, so it is not backward compatible.
   */
  openContentModel?: 'lenient' | 'strict';
  /** Dialects in force for definitions that declare none, per side. */
  previousDialect?: string | undefined;
  nextDialect?: string | undefined;
  /** The versions each side references (see DialectOptions.references): compare follows them. */
  previousReferences?: readonly ReferencedDefinition[] | undefined;
  nextReferences?: readonly ReferencedDefinition[] | undefined;
}

export interface CompareResult {
  /** The changes, those that break compatibility first, within the report budget (see `truncated`). */
  changes: Change[];
  /** Set when more changes were found than are reported; the verdicts below still count every one. */
  truncated?: { total_changes: number; reported_changes: number };
  /** Every change is backward compatible. */
  backward_compatible: boolean;
  /** Every change is forward compatible. */
  forward_compatible: boolean;
}

export interface SchemaEngine {
  /** The engine's registry name, e.g. `json-schema`. */
  readonly name: string;
  /** The dialect of a definition that declares none, unless a setting chooses another (see DialectOptions). */
  readonly defaultDialect?: string;
  /** The registry URIs (REGISTRY_URI_PREFIX, no fragment) the definition references, each once. */
  referencedUris(definition: Json): string[];
  /**
   * Checks a definition before it is published: size, depth, safety and that it compiles.
   * Throws ValidationError (422) naming each problem; otherwise reports the dialect and the warnings.
   */
  checkDefinition(definition: Json, options?: CheckOptions): DefinitionReport;
  /**
   * Validates `data` against `definition`. `cacheKey` (a schema version id: versions are immutable)
   * lets the engine reuse its compiled validator.
   */
  validate(data: unknown, definition: Json, cacheKey?: string, options?: DialectOptions): ValidationResult;
  describeFields(definition: Json, options?: DialectOptions): FieldDescription[];
  defaultValue(definition: Json, options?: DialectOptions): Json;
  compare(previous: Json, next: Json, options?: CompareOptions): CompareResult;
  /**
   * The definition in the engine's own canonical text (Avro's Parsing Canonical Form, a normalized
   * `.proto`); absent: the canonical JSON of the definition (RFC 8785).
   */
  canonicalForm?(definition: Json, options?: DialectOptions): string;
  /**
   * What makes two definitions the same version (SHA-256, hex); absent: of the definition's canonical
   * JSON. An engine whose definitions are text (Protobuf) fingerprints their meaning, not their spacing.
   */
  fingerprint?(definition: Json): string;
}
