/**
 * What the table's stream (NEW_AND_OLD_IMAGES) would deliver for an operation, and Lambda's event
 * filtering, so tests can check the workers' triggers against the items the registry really writes.
 */
import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface ChangeRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  dynamodb: {
    Keys: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
    OldImage?: Record<string, AttributeValue>;
    SequenceNumber: string;
  };
}

type Image = Record<string, AttributeValue>;

/** Every item of the table, by key. A Scan, which only tests do: the tables they scan are their own. */
async function snapshot(client: DynamoDBClient, tableName: string): Promise<Map<string, Image>> {
  const items = new Map<string, Image>();
  let start: Image | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
    for (const item of out.Items ?? []) items.set(`${item.PK!.S}\u0000${item.SK!.S}`, item);
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

let sequence = 1000;

/** Runs `operation` alone on the table and returns the stream records its writes produce, in no particular order. */
export async function streamRecordsOf(client: DynamoDBClient, tableName: string, operation: () => Promise<unknown>): Promise<ChangeRecord[]> {
  const before = await snapshot(client, tableName);
  await operation();
  const after = await snapshot(client, tableName);
  const records: ChangeRecord[] = [];
  const record = (eventName: ChangeRecord['eventName'], item: Image, images: { NewImage?: Image; OldImage?: Image }) => {
    sequence += 1;
    records.push({ eventID: `event-${sequence}`, eventName, dynamodb: { Keys: { PK: item.PK!, SK: item.SK! }, ...images, SequenceNumber: String(sequence).padStart(21, '0') } });
  };
  for (const [key, item] of after) {
    const old = before.get(key);
    if (!old) record('INSERT', item, { NewImage: item });
    else if (JSON.stringify(old) !== JSON.stringify(item)) record('MODIFY', item, { NewImage: item, OldImage: old });
  }
  for (const [key, item] of before) if (!after.has(key)) record('REMOVE', item, { OldImage: item });
  return records;
}

/**
 * Whether a record passes Lambda event filtering: any of the filters' patterns (`FilterCriteria.filter`
 * output) matches it. Supports the rules the workers use: literal values, `anything-but`, `exists`, `prefix`.
 */
export function passesFilters(filters: ReadonlyArray<{ [key: string]: unknown }>, record: unknown): boolean {
  return filters.some((f) => matches(JSON.parse(String(f.pattern)), record));
}

function matches(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.some((rule) => matchesRule(rule, value));
  if (pattern === null || typeof pattern !== 'object') throw new Error(`a filter pattern holds objects and arrays of rules, not ${JSON.stringify(pattern)}`);
  const object = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return Object.entries(pattern).every(([key, sub]) => matches(sub, object[key]));
}

function matchesRule(rule: unknown, value: unknown): boolean {
  if (rule === null || typeof rule !== 'object') return value === rule;
  const r = rule as Record<string, unknown>;
  if ('exists' in r) return r.exists === (value !== undefined);
  const scalar = value !== undefined && (value === null || typeof value !== 'object');
  if ('anything-but' in r) return scalar && !([] as unknown[]).concat(r['anything-but']).includes(value);
  if ('prefix' in r) return typeof value === 'string' && value.startsWith(String(r.prefix));
  throw new Error(`filter rule ${JSON.stringify(rule)} is not supported here; extend test/support/stream.ts`);
}
