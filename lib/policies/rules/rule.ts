/** The shape of one rule in the catalogue. */
import type { PolicyContext } from '../context.js';
import type { Severity } from '../types.js';

/** What a rule reads beyond the fields; without it the rule is reported as not applicable. */
export type Need = 'table' | 'sql_types' | 'previous' | 'compare';

/** One problem found, before the workspace's severity is applied. */
export interface Finding {
  message: string;
  suggestion: string;
  path: string;
}

export interface RuleSpec {
  severity: Severity;
  description: string;
  needs?: Need;
  check(context: PolicyContext): Finding[];
}
