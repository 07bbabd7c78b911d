/**
 * Workspace policy documents: per-rule severity overrides (like the prod and dev templates of SQL review
 * tools), the too-many-fields threshold and the auto-approval switch. The JSON Schema serves the API;
 * `checkWorkspacePolicy` gives the same verdict with messages that list the known rule ids.
 */
import { ValidationError, type ErrorDetail } from '../errors.js';
import { show } from '../sql/identifiers.js';
import { isObject } from '../util/json.js';
import { escapePointerToken } from '../util/json-pointer.js';
import { RULE_IDS, SEVERITIES, type SeverityOverride, type WorkspacePolicy } from './types.js';

export const DEFAULT_MAX_FIELDS = 100;
/** The highest max_fields a workspace may set; the engine's own limits stop larger schemas anyway. */
export const MAX_FIELDS_LIMIT = 10_000;

const OVERRIDES: readonly SeverityOverride[] = [...SEVERITIES, 'off'];
const POLICY_KEYS = ['severities', 'max_fields', 'auto_approve', 'auto_create'];

/** JSON Schema (draft 2020-12) of the document `PUT /workspaces/{id}/policies` accepts. */
export const WORKSPACE_POLICY_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Workspace policy',
  type: 'object',
  additionalProperties: false,
  properties: {
    severities: {
      description: 'Severity per rule id, overriding the rule\'s default; "off" skips the rule. Rules not listed keep their default.',
      type: 'object',
      propertyNames: { enum: [...RULE_IDS] },
      additionalProperties: { enum: [...OVERRIDES] },
    },
    max_fields: {
      description: 'The too-many-fields threshold.',
      type: 'integer',
      minimum: 1,
      maximum: MAX_FIELDS_LIMIT,
      default: DEFAULT_MAX_FIELDS,
    },
    auto_approve: {
      description: 'Approve low-risk requests without review.',
      type: 'boolean',
      default: false,
    },
    auto_create: {
      description: 'Approve low-risk requests without review and create their tables on the workspace\'s `default` sink, logging what was created, skipped or failed.',
      type: 'boolean',
      default: false,
    },
  },
} as const;

const KNOWN = new Set<string>(RULE_IDS);

/**
 * Checks an untrusted policy document. Throws ValidationError (422) listing every problem; an unknown
 * rule id is named, with the known ids.
 */
export function checkWorkspacePolicy(value: unknown): WorkspacePolicy {
  const errors: ErrorDetail[] = [];
  const report = (path: string, keyword: string, message: string) => errors.push({ path, keyword, message });
  if (!isObject(value)) {
    report('', 'type', 'a policy must be an object, e.g. {"severities": {"bigint-precision": "off"}, "max_fields": 200}');
    throw invalid(errors);
  }
  for (const key of Object.keys(value).filter((k) => !POLICY_KEYS.includes(k))) {
    report(`/${escapePointerToken(key)}`, 'additionalProperties', `unknown policy setting ${show(key)}; use ${POLICY_KEYS.join(', ')}`);
  }
  checkSeverities(value.severities, report);
  const maxFields = value.max_fields;
  if (maxFields !== undefined && !(Number.isInteger(maxFields) && (maxFields as number) >= 1 && (maxFields as number) <= MAX_FIELDS_LIMIT)) {
    report('/max_fields', 'type', `max_fields must be a whole number from 1 to ${MAX_FIELDS_LIMIT}, not ${show(maxFields)}, e.g. ${DEFAULT_MAX_FIELDS}`);
  }
  if (value.auto_approve !== undefined && typeof value.auto_approve !== 'boolean') {
    report('/auto_approve', 'type', `auto_approve must be true or false, not ${show(value.auto_approve)}`);
  }
  if (value.auto_create !== undefined && typeof value.auto_create !== 'boolean') {
    report('/auto_create', 'type', `auto_create must be true or false, not ${show(value.auto_create)}`);
  }
  if (errors.length > 0) throw invalid(errors);
  return value as WorkspacePolicy;
}

function checkSeverities(severities: unknown, report: (path: string, keyword: string, message: string) => void): void {
  if (severities === undefined) return;
  if (!isObject(severities)) {
    report('/severities', 'type', 'severities must be an object of rule id to severity, e.g. {"text-over-varchar": "info"}');
    return;
  }
  const unknown = Object.keys(severities).filter((id) => !KNOWN.has(id));
  if (unknown.length > 0) {
    const message = `unknown rule id${unknown.length > 1 ? 's' : ''} ${unknown.map(show).join(', ')} in severities; known rule ids: ${RULE_IDS.join(', ')}`;
    for (const id of unknown) report(`/severities/${escapePointerToken(id)}`, 'propertyNames', message);
  }
  for (const [id, severity] of Object.entries(severities)) {
    if (KNOWN.has(id) && !OVERRIDES.includes(severity as SeverityOverride)) {
      report(`/severities/${escapePointerToken(id)}`, 'enum', `severity ${show(severity)} for rule "${id}" is not one of ${OVERRIDES.join(', ')}`);
    }
  }
}

function invalid(errors: ErrorDetail[]): ValidationError {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  return new ValidationError(`the workspace policy is invalid: ${errors[0]?.message}${more}`, { errors });
}
