/**
 * The risk of a request, from its violations and its diff. Low-risk requests may be approved without
 * review, so the rule is conservative:
 *
 * - high: any error; or, whatever the workspace's severities, any backward-incompatible change in the
 *   engine's diff, or any field of the previous version removed or renamed (data loss for a table);
 * - moderate: any warning; or any new version of an existing schema, even a compatible one;
 * - low: a new schema with nothing above info.
 *
 * Severity overrides tune what reviewers see; they cannot make a breaking or destructive change low risk.
 */
import type { PolicyContext } from './context.js';
import type { Evaluation, RiskLevel, Severity, Violation, WorkspacePolicy } from './types.js';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function assessRisk(violations: Violation[], context: PolicyContext): { risk: RiskLevel; risk_reasons: string[] } {
  const count = (severity: Severity) => violations.filter((v) => v.severity === severity).length;
  const high: string[] = [];
  const moderate: string[] = [];

  const errors = count('error');
  if (errors > 0) high.push(`${plural(errors, 'error')} (${errorRules(violations)})`);
  const incompatible = context.input.compare?.changes.filter((c) => !c.backward_compatible).length ?? 0;
  if (incompatible > 0) high.push(`${plural(incompatible, 'backward-incompatible change')} from the previous version`);
  const diff = context.diff();
  const lost = (diff?.removed.length ?? 0) + (diff?.renamed.length ?? 0);
  if (lost > 0) high.push(`${plural(lost, 'field')} of the previous version removed or renamed`);

  const warnings = count('warning');
  if (warnings > 0) moderate.push(plural(warnings, 'warning'));
  if (context.input.previous) moderate.push('changes an existing schema');

  const risk = high.length > 0 ? 'high' : moderate.length > 0 ? 'moderate' : 'low';
  return { risk, risk_reasons: [...high, ...moderate] };
}

/** The distinct rules behind the errors, for the reason text. */
function errorRules(violations: Violation[]): string {
  return [...new Set(violations.filter((v) => v.severity === 'error').map((v) => v.rule))].join(', ');
}

/** True when `policy` lets the request through without review: auto-approval (or auto-create) is on and the risk is low. */
export function isAutoApprovable(evaluation: Pick<Evaluation, 'risk'>, policy: WorkspacePolicy = {}): boolean {
  return (policy.auto_approve === true || policy.auto_create === true) && evaluation.risk === 'low';
}
