/** The rule catalogue: every RuleId with its spec. */
import type { RuleId, RuleInForce, RuleSummary, SeverityOverride, WorkspacePolicy } from '../types.js';
import { RULE_IDS } from '../types.js';
import { evolutionRules } from './evolution.js';
import { namingRules } from './naming.js';
import type { RuleSpec } from './rule.js';
import { sqlTypeRules } from './sql-types.js';
import { tableRules } from './table.js';

/** Typed as a full record so a rule id without a rule does not compile. */
export const SPECS: Readonly<Record<RuleId, RuleSpec>> = { ...namingRules, ...tableRules, ...sqlTypeRules, ...evolutionRules };

/** The catalogue as the API shows it: id, default severity and description, in evaluation order. */
export const RULES: readonly RuleSummary[] = RULE_IDS.map((id) => ({ id, severity: SPECS[id].severity, description: SPECS[id].description }));

/** The severity `rule` runs at under `policy`: the workspace's override, else the rule's default. */
export function severityInForce(policy: WorkspacePolicy, rule: RuleId): SeverityOverride {
  return policy.severities?.[rule] ?? SPECS[rule].severity;
}

/** The catalogue as a workspace's policy applies it: each rule's severity in force beside its default. */
export function rulesInForce(policy: WorkspacePolicy): RuleInForce[] {
  return RULES.map(({ id, severity, description }) => ({ id, severity: severityInForce(policy, id), default_severity: severity, description }));
}
