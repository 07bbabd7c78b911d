/**
 * Schema-request policies: a catalogue of rules with stable ids and default severities, run over an
 * engine-neutral view of the request, tuned per workspace, and summed up as a risk level.
 */
export { evaluate } from './evaluate.js';
export { policyInput, type PolicyRequest } from './input.js';
export { DEFAULT_MAX_FIELDS, MAX_FIELDS_LIMIT, checkWorkspacePolicy, WORKSPACE_POLICY_SCHEMA } from './policy.js';
export { isAutoApprovable } from './risk.js';
export { RULES, rulesInForce } from './rules/index.js';
export {
  RULE_IDS,
  SEVERITIES,
  type Evaluation,
  type PolicyInput,
  type PreviousVersion,
  type RiskLevel,
  type RuleId,
  type RuleInForce,
  type RuleSummary,
  type Severity,
  type SeverityOverride,
  type Violation,
  type WorkspacePolicy,
} from './types.js';
