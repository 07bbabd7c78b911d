/**
 * A workspace's approved migrations as an ordered file set (`NNNN_<name>.sql`, `NNNN_<name>_down.sql`),
 * for teams that apply through pull requests and their own CI instead of the registry's sinks.
 */
import { createHash } from 'node:crypto';
import type { ContractTypes } from '../api/contracts.js';
import { authorize, type Principal } from '../auth/principal.js';
import { ConflictError, ValidationError } from '../errors.js';
import type { SchemaRequestItem } from '../generated/table.js';
import { APPROVED_STATUSES } from '../requests/model.js';
import type { MigrationPreviewer } from '../requests/preview.js';
import { DIALECTS, type Dialect } from '../sql/index.js';
import type { SchemaRequestStore } from '../store/requests.js';
import type { SchemaStore } from '../store/schemas.js';

/** Migrations per answer: each is two GetItems and two files of SQL, so an answer stays far below Lambda's 6 MB. */
export const MAX_MIGRATION_FILES = 100;

// The answer's shape is its response contract's (lib/api/contracts.ts), so the two cannot drift apart.
export type MigrationFileSet = ContractTypes['MigrationFileSet'];
type MigrationFile = MigrationFileSet['files'][number]['up'];
type Skipped = MigrationFileSet['skipped'][number];

export class MigrationFiles {
  constructor(private readonly deps: { requests: Pick<SchemaRequestStore, 'allWithStatus'>; schemas: Pick<SchemaStore, 'versionById'>; previews: Pick<MigrationPreviewer, 'forRequest'> }) {}

  /**
   * The approved requests' migrations in approval order, after request `since` when given. A file's number
   * is its request's place among all of them, so numbers never change between exports (a request without
   * a relational projection leaves a gap and is listed in `skipped`).
   */
  async export(principal: Principal, workspaceId: string, q: { dialect?: string; since?: string }): Promise<MigrationFileSet> {
    authorize(principal, workspaceId, 'reader', 'workspace');
    const dialect = q.dialect ?? 'postgres';
    if (!(DIALECTS as readonly string[]).includes(dialect)) throw new ValidationError(`unknown dialect "${dialect}"; use one of ${DIALECTS.join(', ')}`);
    const ordered = await this.approvalOrder(workspaceId);
    const start = q.since === undefined ? 0 : ordered.findIndex((r) => r.id === q.since) + 1;
    if (start === 0 && q.since !== undefined) throw new ValidationError(`since: ${q.since} is no approved request of workspace "${workspaceId}"; give the request id of the last file you have`);
    const page = ordered.slice(start, start + MAX_MIGRATION_FILES);
    const set: MigrationFileSet = { workspace_id: workspaceId, dialect: dialect as Dialect, files: [], skipped: [], next_since: start + page.length < ordered.length ? page[page.length - 1]!.id : null };
    for (const [i, request] of page.entries()) await this.add(set, request, String(start + i + 1).padStart(4, '0'));
    return set;
  }

  /**
   * Oldest approval first: an approval publishes the version its schema_ref names, and version ids are
   * ULIDs minted then. Request ids break ties (two requests approved into the same existing version).
   */
  private async approvalOrder(workspaceId: string): Promise<SchemaRequestItem[]> {
    const all = (await Promise.all(APPROVED_STATUSES.map((s) => this.deps.requests.allWithStatus(workspaceId, s)))).flat();
    return all.sort((a, b) => (a.schema_ref ?? '').localeCompare(b.schema_ref ?? '') || a.id.localeCompare(b.id));
  }

  /** The request's two files into `set`, or the reason it has none into `set.skipped`. */
  private async add(set: MigrationFileSet, request: SchemaRequestItem, number: string): Promise<void> {
    const dialect = set.dialect;
    let preview;
    try {
      preview = await this.deps.previews.forRequest(request, dialect);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      set.skipped.push(skipped(request, e.message));
      return;
    }
    const version = request.schema_ref ? (await this.deps.schemas.versionById(request.schema_ref))?.version : undefined;
    if (version === undefined) {
      set.skipped.push(skipped(request, 'its published version is not found'));
      return;
    }
    // The first line is the one the CLI always wrote, so files exported before this route still compare equal.
    const head = `-- schema-registry migration ${number}: request ${request.id} (${request.schema_name}), ${dialect}`;
    const about = (direction: string) => `-- ${direction}: schema ${request.schema_name} version ${version}, approved by ${request.decided_by ?? 'unknown'}`;
    const up = file(`${number}_${preview.file_name}.sql`, [head, about('up')], preview.up_sql);
    const down = file(`${number}_${preview.file_name}_down.sql`, [head, about('down'), ...(preview.reversible ? [] : ['-- NOT reversible: this loses data'])], preview.down_sql);
    set.files.push({ number, request_id: request.id, schema_name: request.schema_name, schema_version: version, approved_by: request.decided_by ?? 'unknown', reversible: preview.reversible, up, down });
  }
}

const skipped = (request: SchemaRequestItem, reason: string): Skipped => ({ request_id: request.id, schema_name: request.schema_name, reason });

function file(name: string, header: string[], sql: string): MigrationFile {
  const body = `${sql}\n`;
  const sha256 = createHash('sha256').update(body).digest('hex');
  return { name, content: `${[...header, `-- sha256 of the body below: ${sha256}`].join('\n')}\n${body}`, sha256 };
}
