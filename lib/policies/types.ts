/**
 * The vocabulary of schema-request policies: what rules read (PolicyInput), what they report
 * (Violation), how a workspace tunes them (WorkspacePolicy) and what an evaluation returns.
 */
import type { CompareResult, FieldDescription } from '../engines/types.js';
import type { TableDefinition } from '../sql/index.js';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** What a workspace may set a rule to: a severity, or `off` to skip it. */
export type SeverityOverride = Severity | 'off';
export type RiskLevel = 'low' | 'moderate' | 'high';

/** Every rule, in the order evaluations run them. Ids are stable: workspaces store them. */
export const RULE_IDS = [
  'protected-name',
  'reserved-word',
  'snake-case-names',
  'identifier-length',
  'too-many-fields',
  'primary-key-required',
  'timestamps-recommended',
  'type-not-allowed',
  'default-not-allowed',
  'text-over-varchar',
  'timestamptz-over-timestamp',
  'bigint-precision',
  'jsonb-needs-gin-index',
  'field-removed',
  'field-renamed',
  'field-retyped',
  'incompatible-change',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** One broken rule. */
export interface Violation {
  rule: RuleId;
  /** The rule's severity after the workspace's overrides. */
  severity: Severity;
  /** Names the offending value, e.g. `column "userId" is not snake_case`. */
  message: string;
  /** The fix, e.g. `rename it to "user_id"`. */
  suggestion: string;
  /** JSON pointer into the request, e.g. `/table/columns/1/name` or `/definition/properties/userId`. */
  path: string;
}

/** The previous version of the schema, when the request proposes its next version. */
export interface PreviousVersion {
  fields: FieldDescription[];
  /** Its table view, when it has one (see PolicyInput.table). */
  table?: TableDefinition;
}

interface PolicyInputBase {
  schema_name: string;
  /** The engine's `describeFields` output for the proposal (for a table: of its JSON Schema). */
  fields: FieldDescription[];
  previous?: PreviousVersion;
  /** The engine's diff from the previous version to the proposal. */
  compare?: CompareResult;
}

/**
 * What rules read, independent of the engine. `form` says how the request carried the proposal, which
 * decides where violation pointers point (`/table/...` or `/definition/...`).
 *
 * `table` is the relational view that SQL rules (primary key, timestamps, types, GIN indexes) read. A
 * table request always has it. A definition has one only when it opts in with `x-sql` annotations (see
 * `policyInput`): a plain JSON Schema describes payloads, not a table, so those rules do not apply to it.
 * Without a table, type rules still read `x-sql` annotations on top-level fields, when an engine gives them.
 */
export type PolicyInput = PolicyInputBase & ({ form: 'table'; table: TableDefinition } | { form: 'definition'; table?: TableDefinition });

/** A workspace's policy document (stored with the workspace, validated by WORKSPACE_POLICY_SCHEMA). */
export interface WorkspacePolicy {
  /** Per-rule severity overrides; rules not listed keep their default. */
  severities?: Partial<Record<RuleId, SeverityOverride>>;
  /** The too-many-fields threshold. @default 100 */
  max_fields?: number;
  /** Approve low-risk requests without review. @default false */
  auto_approve?: boolean;
  /** Auto-approve low-risk requests and create their tables on the `default` sink. @default false */
  auto_create?: boolean;
}

/** The outcome of checking one request. */
export interface Evaluation {
  /** Errors first, then warnings, then info; within a severity, in rule order. */
  violations: Violation[];
  risk: RiskLevel;
  /** Why the risk is what it is, most serious first; empty when low. */
  risk_reasons: string[];
  /** Rules that did not run because the input lacks what they read (a table, SQL types, a previous version, a diff). */
  not_applicable: RuleId[];
}

/** A rule of the catalogue, at its default severity. */
export interface RuleSummary {
  id: RuleId;
  severity: Severity;
  description: string;
}

/** A rule as a workspace's policies list it: the severity in force ("off": the rule is skipped) and the default. */
export interface RuleInForce {
  id: RuleId;
  severity: SeverityOverride;
  default_severity: Severity;
  description: string;
}
