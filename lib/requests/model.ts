/** Schema requests: their statuses, the transitions between them, and their public shape. */
import type { CompareResult, DefinitionWarning, Json } from '../engines/types.js';
import type { SchemaRequestItem } from '../generated/table.js';
import type { CompatibilityVerdict } from '../schemas/compatibility.js';
import type { SinkDialect } from '../sinks/types.js';
import type { MigrationPreview } from '../sql/index.js';

export type RequestStatus = SchemaRequestItem['status'];

/** Who may move a request from one status to another. `requester` is the request's author only. */
export const TRANSITIONS: Record<RequestStatus, Partial<Record<RequestStatus, 'requester' | 'reviewer'>>> = {
  draft: { pending: 'requester', withdrawn: 'requester' },
  pending: { approved: 'reviewer', rejected: 'reviewer', withdrawn: 'requester' },
  // Applying and rolling back move a request on from approved (lib/migrations), never PATCH.
  approved: {},
  rejected: {},
  withdrawn: {},
  migrated: {},
  migration_failed: {},
  rolled_back: {},
};

/** The statuses of a request that was approved: its version is published, its table may exist. */
export const APPROVED_STATUSES: readonly RequestStatus[] = ['approved', 'migrated', 'migration_failed', 'rolled_back'];
/** The statuses a PATCH may ask for: every status some transition leads to. */
export const TRANSITION_TARGETS = [...new Set(Object.values(TRANSITIONS).flatMap((to) => Object.keys(to) as RequestStatus[]))];

export interface Violation {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  suggestion: string;
  path: string;
}

/** A decision of the auto-approval worker, kept on the request so the API shows it. */
export interface AutoApprovalDecision {
  decision: 'approved' | 'skipped' | 'failed';
  reason: string;
  at: string;
}

/** What the registry worked out about a proposal when it was made (stored with the request). */
export interface Review {
  /** The version the proposal was checked against (absent for a new schema). */
  base_version?: { id: string; version: number };
  violations: Violation[];
  risk: 'low' | 'moderate' | 'high';
  risk_reasons: string[];
  diff?: CompareResult;
  compatibility?: CompatibilityVerdict;
  migration_preview: MigrationPreview | null;
  /** What the engine noted about the proposed definition (accepted, but worth knowing). */
  warnings?: DefinitionWarning[];
  /** Why there is no migration preview (a definition with no relational projection). */
  migration_note?: string;
  auto_approval?: AutoApprovalDecision;
}

/** Where a request's migration stands on one sink, after its last attempt there. */
export interface RequestMigration {
  sink: string;
  dialect: SinkDialect;
  namespace?: string;
  /** The sink's environment when the attempt ran (absent: the sink is outside promotion). */
  environment?: string;
  /** applied, rolled_back, failed (the last apply failed), waiting (on what `waiting_on` names), blocked (a rollback refused). */
  state: 'applied' | 'rolled_back' | 'failed' | 'waiting' | 'blocked';
  checksum?: string;
  attempt_id: string;
  at: string;
  by: string;
  error?: string;
  failed_statement?: string;
  waiting_on?: string[];
  dependents?: string[];
}

/** A second reviewer's approval of a request for one environment (e.g. prod). */
export interface EnvironmentApproval {
  by: string;
  at: string;
  comment?: string;
}

/** Where a request stands in one environment: per sink there, its last attempt; and its second approval. */
export interface RequestEnvironment {
  sinks: Record<string, Pick<RequestMigration, 'state' | 'at' | 'by'>>;
  second_approval?: EnvironmentApproval;
}

export interface Proposal {
  definition?: Json;
  /** The engine named for a new schema; the schema's own engine judges a proposal for one that exists. */
  engine?: string;
  table?: Json;
}

/** A request as the API returns it: its own fields and its review, flattened. */
export interface SchemaRequest extends Omit<Review, 'base_version'> {
  id: string;
  workspace_id: string;
  schema_name: string;
  status: RequestStatus;
  requester: string;
  description?: string;
  justification?: string;
  related_issue?: string;
  proposal: Proposal;
  schema_ref?: string;
  decided_by?: string;
  decision_comment?: string;
  /** Per sink, the last migration attempt (lib/migrations). */
  migrations?: Record<string, RequestMigration>;
  /** Per environment, where it is applied (and when, by whom) and its second approval. */
  environments?: Record<string, RequestEnvironment>;
  created_at: string;
  updated_at: string;
}

export function toSchemaRequest(item: SchemaRequestItem): SchemaRequest {
  const { base_version: _base, ...review } = JSON.parse(item.review ?? '{}') as Review;
  const r: SchemaRequest = {
    ...review,
    id: item.id,
    workspace_id: item.workspace_id,
    schema_name: item.schema_name,
    status: item.status,
    requester: item.requester,
    proposal: JSON.parse(item.proposal) as Proposal,
    created_at: item.created_at,
    updated_at: item.updated_at,
  };
  if (item.migrations) r.migrations = JSON.parse(item.migrations) as Record<string, RequestMigration>;
  const environments = environmentsOf(r.migrations ?? {}, item.environment_approvals ? (JSON.parse(item.environment_approvals) as Record<string, EnvironmentApproval>) : {});
  if (Object.keys(environments).length) r.environments = environments;
  for (const k of ['description', 'justification', 'related_issue', 'schema_ref', 'decided_by', 'decision_comment'] as const) {
    if (item[k] !== undefined) r[k] = item[k];
  }
  return r;
}

function environmentsOf(migrations: Record<string, RequestMigration>, approvals: Record<string, EnvironmentApproval>): Record<string, RequestEnvironment> {
  const out: Record<string, RequestEnvironment> = {};
  const of = (name: string) => (out[name] ??= { sinks: {} });
  for (const m of Object.values(migrations)) if (m.environment) of(m.environment).sinks[m.sink] = { state: m.state, at: m.at, by: m.by };
  for (const [name, approval] of Object.entries(approvals)) of(name).second_approval = approval;
  return out;
}
