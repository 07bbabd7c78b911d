/** Runs the rule catalogue over one request under a workspace's policy. */
import { buildContext, type PolicyContext } from './context.js';
import { DEFAULT_MAX_FIELDS, checkWorkspacePolicy } from './policy.js';
import { assessRisk } from './risk.js';
import { severityInForce, SPECS } from './rules/index.js';
import type { Need } from './rules/rule.js';
import { RULE_IDS, SEVERITIES, type Evaluation, type PolicyInput, type RuleId, type Violation, type WorkspacePolicy } from './types.js';

const NEED_MET: Record<Need, (context: PolicyContext) => boolean> = {
  table: (context) => context.input.table !== undefined,
  sql_types: (context) => context.columns.length > 0,
  previous: (context) => context.input.previous !== undefined,
  compare: (context) => context.input.compare !== undefined,
};

/**
 * Checks `input` against every rule, with `policy`'s severities and threshold. Throws ValidationError
 * when the policy is invalid (an unknown rule id is named, with the known ones).
 */
export function evaluate(input: PolicyInput, policy: WorkspacePolicy = {}): Evaluation {
  const { max_fields = DEFAULT_MAX_FIELDS } = checkWorkspacePolicy(policy);
  const context = buildContext(input, max_fields);
  const violations: Violation[] = [];
  const notApplicable: RuleId[] = [];
  for (const rule of RULE_IDS) {
    const spec = SPECS[rule];
    const severity = severityInForce(policy, rule);
    if (severity === 'off') continue;
    if (spec.needs && !NEED_MET[spec.needs](context)) {
      notApplicable.push(rule);
      continue;
    }
    for (const finding of spec.check(context)) violations.push({ rule, severity, ...finding });
  }
  // A stable sort keeps rule order within each severity.
  violations.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  return { violations, ...assessRisk(violations, context), not_applicable: notApplicable };
}
