/**
 * A load profile for the capacity model: how many operations of each kind run per second, how big the
 * documents are, how many workspaces and schemas share the load and how skewed it is. Read from YAML or
 * JSON (`npm run capacity -- --profile file`); every bad field is named with the fix.
 */
import yaml from 'js-yaml';
import { isObject } from '../util/json.js';

/** One operation of the profile: a record type's write, or an access pattern's read. */
export interface ProfileOperation {
  name: string;
  per_second: number;
  /** The record type written (a new item; `transactional` when written in a transaction). */
  write?: string;
  /** The access pattern read. */
  read?: string;
  transactional?: boolean;
  /** Strongly consistent (table reads only). */
  consistent?: boolean;
  /** Items per page of a Query (default 100). */
  page?: number;
  /** Bytes of the record's document (its first required json attribute); default: schema.yaml's example. */
  body_bytes?: number;
}

export interface LoadProfile {
  workspaces: number;
  schemas_per_workspace: number;
  /** Share (0-1] of all traffic that goes to the busiest workspace; default 1 / workspaces (no skew). */
  hot_workspace_share: number;
  /** Share (0-1] of a workspace's traffic that goes to its busiest schema; default 1 / schemas_per_workspace. */
  hot_schema_share: number;
  /** Versions of a schema holding its payloads: what a listing filtered by version reads past. */
  versions_per_schema: number;
  /** Shards of a record type's sharded keys (`{shard}` placeholders), e.g. payload listing shards per schema. */
  shards: Record<string, number>;
  /** How long written items are kept, for storage. */
  retention_days: number;
  operations: ProfileOperation[];
}

export const DEFAULT_PROFILE: Omit<LoadProfile, 'operations' | 'hot_workspace_share' | 'hot_schema_share'> = {
  workspaces: 100,
  schemas_per_workspace: 20,
  versions_per_schema: 1,
  shards: {},
  retention_days: 30,
};

/** A load profile is not usable; `problems` name each field. */
export class LoadProfileError extends Error {
  constructor(readonly problems: string[]) {
    super(`the load profile is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'LoadProfileError';
  }
}

const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const share = (v: unknown) => positive(v) && (v as number) <= 1;

/** Checks and completes a parsed profile (defaults from DEFAULT_PROFILE). */
export function toProfile(doc: unknown): LoadProfile {
  const problems: string[] = [];
  if (!isObject(doc)) throw new LoadProfileError(['(root): expected a mapping with `operations`']);
  const sized = { ...DEFAULT_PROFILE, ...doc } as Omit<LoadProfile, 'hot_workspace_share' | 'hot_schema_share'> & Partial<LoadProfile>;
  const profile = { hot_workspace_share: 1 / sized.workspaces, hot_schema_share: 1 / sized.schemas_per_workspace, ...sized } as LoadProfile;
  for (const field of ['workspaces', 'schemas_per_workspace', 'versions_per_schema', 'retention_days'] as const) {
    if (!positive(profile[field])) problems.push(`${field}: ${JSON.stringify(profile[field])} must be a positive number, e.g. ${DEFAULT_PROFILE[field]}`);
  }
  for (const field of ['hot_workspace_share', 'hot_schema_share'] as const) {
    if (!share(profile[field])) problems.push(`${field}: ${JSON.stringify(profile[field])} must be a share in (0, 1], e.g. 0.5`);
  }
  if (!isObject(profile.shards)) problems.push('shards: must map record types to shard counts, e.g. { payload: 16 }');
  else for (const [rt, n] of Object.entries(profile.shards)) if (!Number.isInteger(n) || (n as number) < 1) problems.push(`shards.${rt}: ${JSON.stringify(n)} must be an integer >= 1`);
  if (!Array.isArray(profile.operations) || profile.operations.length === 0) problems.push('operations: must list at least one operation, e.g. [{ name: create payload, write: payload, per_second: 100 }]');
  else
    profile.operations.forEach((op, i) => {
      const at = `operations[${i}]`;
      if (!isObject(op)) return problems.push(`${at}: expected a mapping`);
      if (typeof op.name !== 'string' || !op.name) problems.push(`${at}.name: required, e.g. "create payload"`);
      if (!positive(op.per_second)) problems.push(`${at}.per_second: ${JSON.stringify(op.per_second)} must be a positive number`);
      if ((op.write === undefined) === (op.read === undefined)) problems.push(`${at}: give exactly one of write (a record type) or read (an access pattern)`);
      for (const f of ['page', 'body_bytes'] as const) if (op[f] !== undefined && !(Number.isInteger(op[f]) && (op[f] as number) > 0)) problems.push(`${at}.${f}: ${JSON.stringify(op[f])} must be a positive integer`);
    });
  if (problems.length) throw new LoadProfileError(problems);
  return profile;
}

/** Parses a YAML or JSON profile text. */
export function parseProfile(text: string): LoadProfile {
  let doc: unknown;
  try {
    doc = yaml.load(text, { schema: yaml.JSON_SCHEMA });
  } catch (e) {
    throw new LoadProfileError([(e as Error).message]);
  }
  return toProfile(doc);
}
