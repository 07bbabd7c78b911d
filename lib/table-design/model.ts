/**
 * The in-memory form of schema.yaml after loading: shared attributes resolved, defaults applied,
 * key patterns compiled. Codegen, lint, the conformance vectors and the runtime key builders use it.
 */
import type { KeyPattern } from './pattern.js';

export type AttributeType = 'string' | 'integer' | 'number' | 'boolean' | 'map' | 'list' | 'string_set' | 'json';

/** The closed set of default generators; any other string default is a literal. */
export const DEFAULT_GENERATORS = ['now', 'now_epoch_seconds', 'ulid'] as const;
export type DefaultGenerator = (typeof DEFAULT_GENERATORS)[number];

export interface AttributeDef {
  name: string;
  type: AttributeType;
  required: boolean;
  immutable: boolean;
  default?: unknown;
  enum?: (string | number)[];
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  padWidth?: number;
  description?: string;
}

export interface AttributeFamily extends Omit<AttributeDef, 'name'> {
  /** e.g. `b_{limit}_tk` */
  template: string;
  placeholder: string;
  placeholderPattern: string;
}

export interface IndexDef {
  /** `primary` or the GSI name. */
  name: string;
  partitionKey: string;
  sortKey: string;
  projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  /** For INCLUDE: the non-key attributes the index copies besides every index's and the table's keys. */
  nonKeyAttributes?: string[];
  description?: string;
}

export interface RecordKeys {
  index: string;
  pk: KeyPattern;
  sk: KeyPattern;
}

export interface RecordType {
  name: string;
  description: string;
  entity: string;
  entityVersion: string;
  workspaceScoped: boolean;
  /** Keyed by index name (`primary`, `GSI1`, ...), in the order schema.yaml gives them. */
  keys: Record<string, RecordKeys>;
  attributes: Record<string, AttributeDef>;
  families: AttributeFamily[];
  examples: { attributes: Record<string, unknown>; keys: Record<string, string> }[];
}

export interface AccessPattern {
  name: string;
  recordType: string;
  index: string;
  sortKey: 'equals' | 'begins_with';
  order: 'ascending' | 'descending';
  description?: string;
  /** The shard placeholder of the index's partition key, when the listing is spread over shards and merged. */
  shardedBy?: string;
  /** An attribute matched by equality after the key condition (the reader pays for the items it drops). */
  filterBy?: string;
  /** GetItem for sort-key equality on the primary index; Query otherwise. Never Scan. */
  operation: 'GetItem' | 'Query';
}

export interface TableDesign {
  format: number;
  version: string;
  description?: string;
  table: { name: string; billingMode: 'PAY_PER_REQUEST'; ttlAttribute?: string; stream?: string };
  separator: '#';
  primary: IndexDef;
  indexes: Record<string, IndexDef>;
  entityIdentifiers: { entity: string; version: string };
  prefixes: Record<string, string>;
  recordTypes: Record<string, RecordType>;
  /** Attribute definitions several record types share; the API validates the same values by them. */
  sharedAttributes: Record<string, AttributeDef>;
  accessPatterns: Record<string, AccessPattern>;
  /** SHA-256 of the canonical JSON of the parsed file: the design's identity. */
  hash: string;
}

/** All key attribute names of an index (`PK`/`SK` or `GSI1PK`/`GSI1SK`). */
export function indexDef(design: TableDesign, index: string): IndexDef | undefined {
  return index === 'primary' ? design.primary : design.indexes[index];
}
