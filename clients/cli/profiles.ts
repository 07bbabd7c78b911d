/**
 * Named connection profiles (URL, token, default workspace) in ~/.schema-registry/profiles.json, written
 * with mode 0600 in a 0700 directory since it holds bearer tokens. The environment overrides a profile:
 * SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_TOKEN, SCHEMA_REGISTRY_WORKSPACE, SCHEMA_REGISTRY_PROFILE.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './errors.js';

export interface Profile {
  url: string;
  token?: string;
  workspace?: string;
}

export interface ProfileFile {
  current?: string;
  profiles: Record<string, Profile>;
}

export interface Connection {
  profile: string;
  url: string;
  token?: string;
  workspace: string;
}

type Env = Record<string, string | undefined>;

const PROFILE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export function profilePath(env: Env): string {
  if (!env.HOME) throw new UsageError('HOME is not set: profiles are kept in $HOME/.schema-registry/');
  return join(env.HOME, '.schema-registry', 'profiles.json');
}

export function readProfiles(env: Env): ProfileFile {
  const path = profilePath(env);
  if (!existsSync(path)) return { profiles: {} };
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as ProfileFile;
    return { ...parsed, profiles: parsed.profiles ?? {} };
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON (${(e as Error).message}); fix or delete it`);
  }
}

export function writeProfiles(env: Env, file: ProfileFile): string {
  const path = profilePath(env);
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Written beside and renamed, so a crash never leaves half a file; chmod because mode only applies on creation.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return path;
}

export function checkProfileName(name: string): string {
  if (!PROFILE_NAME.test(name)) throw new UsageError(`profile name "${name}" must be 1 to 64 of A-Z a-z 0-9 _ . -, e.g. "staging"`);
  return name;
}

/** The profile a command uses: --profile, else SCHEMA_REGISTRY_PROFILE, else the current one, else "default". */
export function profileName(env: Env, flag: string | undefined, file: ProfileFile): string {
  return checkProfileName(flag ?? env.SCHEMA_REGISTRY_PROFILE ?? file.current ?? 'default');
}

/** Flags over environment over profile. */
export function resolveConnection(env: Env, flags: { profile?: string; workspace?: string }): Connection {
  const file = readProfiles(env);
  const name = profileName(env, flags.profile, file);
  const stored = file.profiles[name];
  if (flags.profile && !stored) throw new UsageError(`no profile "${name}": run \`schema-registry login --profile ${name} ...\` (profiles: ${Object.keys(file.profiles).join(', ') || 'none'})`);
  const url = env.SCHEMA_REGISTRY_URL ?? stored?.url;
  if (!url) throw new UsageError('not logged in: run `schema-registry login --local` (local server) or `schema-registry login --url URL --token TOKEN`, or set SCHEMA_REGISTRY_URL and SCHEMA_REGISTRY_TOKEN');
  const token = env.SCHEMA_REGISTRY_TOKEN ?? stored?.token;
  return { profile: name, url, ...(token ? { token } : {}), workspace: flags.workspace ?? env.SCHEMA_REGISTRY_WORKSPACE ?? stored?.workspace ?? 'default' };
}
