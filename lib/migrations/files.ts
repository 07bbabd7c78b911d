/**
 * A workspace's approved migrations as an ordered file set (`NNNN_<name>.sql`, `NNNN_<name>_down.sql`),
 * for teams that apply through pull requests and their own CI instead of the registry's sinks.
 */
import { createHash } from 'node:crypto';
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

export interface MigrationFile {
  name: string;
  /** The header comment, then the body. */
  content: string;
  /** sha256 (hex) of the body: the content after the header's lines. */
  sha256: string;
}

export interface ExportedMigration {
  number: string;
  request_id: string;
  schema_name: string;
  schema_version: number;
  approved_by: string;
  reversible: boolean;
  up: MigrationFile;
  down: MigrationFile;
}

export interface MigrationFileSet {
  workspace_id: string;
  dialect: Dialect;
  files: ExportedMigration[];
  skipped: { request_id: string; schema_name: string; reason: string }[];
  next_since: string | null;
}

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
    for (const [i, request] of page.entries()) {
      const exported = await this.render(request, String(start + i + 1).padStart(4, '0'), dialect as Dialect);
      if ('reason' in exported) set.skipped.push(exported);
      else set.files.push(exported);
    }
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

  private async render(request: SchemaRequestItem, number: string, dialect: Dialect): Promise<ExportedMigration | { request_id: string; schema_name: string; reason: string }> {
    let preview;
    try {
      preview = await this.deps.previews.forRequest(request, dialect);
    } catch (e) {
      if (e instanceof ConflictError) return { request_id: request.id, schema_name: request.schema_name, reason: e.message };
      throw e;
    }
    const version = request.schema_ref ? (await this.deps.schemas.versionById(request.schema_ref))?.version : undefined;
    if (version === undefined) return { request_id: request.id, schema_name: request.schema_name, reason: 'its published version is not found' };
    // The first line is the one the CLI always wrote, so files exported before this route still compare equal.
    const head = `-- schema-registry migration ${number}: request ${request.id} (${request.schema_name}), ${dialect}`;
    const about = (direction: string) => `-- ${direction}: schema ${request.schema_name} version ${version}, approved by ${request.decided_by ?? 'unknown'}`;
    const up = file(`${number}_${preview.file_name}.sql`, [head, about('up')], preview.up_sql);
    const down = file(`${number}_${preview.file_name}_down.sql`, [head, about('down'), ...(preview.reversible ? [] : ['-- NOT reversible: this loses data'])], preview.down_sql);
    return { number, request_id: request.id, schema_name: request.schema_name, schema_version: version, approved_by: request.decided_by ?? 'unknown', reversible: preview.reversible, up, down };
  }
}

function file(name: string, header: string[], sql: string): MigrationFile {
  const body = `${sql}\n`;
  const sha256 = createHash('sha256').update(body).digest('hex');
  return { name, content: `${[...header, `-- sha256 of the body below: ${sha256}`].join('\n')}\n${body}`, sha256 };
}
