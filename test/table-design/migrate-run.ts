/** The migrate-table tests' runs on DynamoDB Local, and how they read a table back. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ItemTable } from '../../lib/dynamo/item-table.js';
import type { StoredItem } from '../../lib/table-design/migrate/layout.js';
import type { RunOptions } from '../../lib/table-design/migrate/migrate.js';
import type { TableDesign } from '../../lib/table-design/model.js';
import { canonicalJson } from '../../lib/util/canonical-json.js';
import { dynamodbEndpoint } from '../support/dynamo.js';
import { runFromRoot, type Run } from '../support/run.js';

/**
 * A run from design `from` to `to`, of table `source` into `target` (in place when the same), with its own
 * checkpoint file, small pages over several segments so paging and resuming are exercised, and no settling.
 */
export function runOptions(client: DynamoDBClient, from: TableDesign, to: TableDesign, source: string, target = source, extra: Partial<RunOptions> = {}): RunOptions {
  return {
    client,
    source: new ItemTable(client, source),
    target: new ItemTable(client, target),
    from,
    to,
    by: 'system:migrate-test',
    now: () => new Date(),
    checkpointPath: join(mkdtempSync(join(tmpdir(), 'migrate-')), 'checkpoint.json'),
    segments: 3,
    pageSize: 7,
    writeConcurrency: 4,
    settleMs: 0,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    ...extra,
  };
}

/** Every item of the table, in canonical-JSON order, so that two reads of the same items compare equal. */
export async function scanTable(table: ItemTable): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let next;
  do {
    const page = await table.scanPage(0, 1, next, 100);
    items.push(...page.items);
    next = page.lastKey;
  } while (next);
  return items.sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1));
}

/** `npm run migrate-table -- --dry-run --json` of `table` on DynamoDB Local, from design file `from` to `to`. */
export function dryRunScript(from: string, to: string, table: string): Promise<Run> {
  const args = ['--import', 'tsx', 'scripts/migrate-table.ts', '--from', from, '--to', to, '--table', table, '--endpoint', dynamodbEndpoint(), '--region', 'local', '--dry-run', '--json'];
  return runFromRoot(process.execPath, args);
}
