/** `login` (a token for a URL, or a dev token minted for the local server) and `profile` (list, show, use, remove). */
import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { devKey, DEV_KEY_PATH, mintToken } from '../../../lib/auth/dev-tokens.js';
import { createRegistryClient } from '../../typescript/src/index.js';
import { outputFor, USER_AGENT } from '../context.js';
import { UsageError } from '../errors.js';
import { examples } from '../help.js';
import type { Io } from '../io.js';
import { checkProfileName, profilePath, readProfiles, writeProfiles, type Profile } from '../profiles.js';

const ROLES = ['reader', 'writer', 'reviewer', 'admin'] as const;
const LOCAL_URL = 'http://127.0.0.1:3000';

interface LoginOptions {
  local?: boolean;
  url?: string;
  token?: string;
  user: string;
  role: (typeof ROLES)[number];
  expires: string;
  keyFile: string;
}

const claimsOf = (token: string): { sub?: string; exp?: number; 'cognito:groups'?: string[] } => {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return {};
  }
};

export function loginCommand(io: Io): Command {
  return examples(
    new Command('login')
      .description('save a URL and token as a profile (--profile, default "default"; "local" with --local) and make it current')
      .option('--local', `mint a development token signed with the local server's key (npm start), for ${LOCAL_URL} unless --url`)
      .option('--url <url>', 'the registry origin, e.g. https://registry.example.com')
      .option('--token <jwt>', 'a bearer token (or set SCHEMA_REGISTRY_TOKEN)')
      .option('--user <sub>', 'with --local: the user id', 'dev')
      .addOption(new Option('--role <role>', 'with --local: role in the workspace').choices(ROLES).default('admin'))
      .option('--expires <duration>', 'with --local: token lifetime, e.g. 12h or 7d', '7d')
      .option('--key-file <path>', "with --local: the local server's signing key", DEV_KEY_PATH)
      .action(async (o: LoginOptions, cmd: Command) => {
        const out = outputFor(cmd, io);
        const globals = cmd.optsWithGlobals<{ profile?: string; workspace?: string }>();
        const name = checkProfileName(globals.profile ?? (o.local ? 'local' : 'default'));
        const workspace = globals.workspace ?? io.env.SCHEMA_REGISTRY_WORKSPACE ?? 'default';
        const url = (o.url ?? (o.local ? LOCAL_URL : io.env.SCHEMA_REGISTRY_URL))?.replace(/\/+$/, '');
        if (!url) throw new UsageError('login needs --url URL (or --local for the local server)');
        let token = o.token ?? io.env.SCHEMA_REGISTRY_TOKEN;
        if (o.local) {
          // devKey would create a new key if none exists, and the running server would not accept its tokens.
          if (!existsSync(o.keyFile)) throw new UsageError(`no local signing key at ${o.keyFile}: start the local server first (npm start), or pass --key-file`);
          token = await mintToken(await devKey(o.keyFile), { user: o.user, memberships: [{ workspace, role: o.role }], expiresIn: o.expires });
        }
        if (!token) throw new UsageError('login needs --token TOKEN (or SCHEMA_REGISTRY_TOKEN), or --local');
        // Any valid token may read its own notifications: this proves the URL answers and accepts the token.
        await createRegistryClient({ baseUrl: url, token, userAgent: USER_AGENT }).GET('/api/v1/notifications', { params: { query: { limit: '1' } } });
        const file = readProfiles(io.env);
        file.profiles[name] = { url, token, workspace };
        file.current = name;
        const path = writeProfiles(io.env, file);
        const claims = claimsOf(token);
        const result = { profile: name, url, workspace, user: claims.sub ?? null, groups: claims['cognito:groups'] ?? [], expires_at: claims.exp ? new Date(claims.exp * 1000).toISOString() : null, file: path };
        out.result(result, () => out.line(`logged in to ${url} as ${result.user ?? '?'} (${result.groups.join(', ') || 'no groups'}); profile "${name}" saved in ${path}, workspace ${workspace}`));
      }),
    'schema-registry login --local',
    'schema-registry login --local --user alice --role writer --workspace acme --profile alice',
    'schema-registry login --profile prod --url https://registry.example.com --token "$TOKEN" --workspace payments',
  );
}

const masked = (p: Profile) => ({ url: p.url, workspace: p.workspace ?? 'default', token: p.token ? `${p.token.slice(0, 12)}...` : null });

export function profileCommand(io: Io): Command {
  const profile = examples(new Command('profile').description(`the saved profiles (in $HOME/.schema-registry/profiles.json, mode 0600)`), 'schema-registry profile list', 'schema-registry profile use prod');
  examples(
    profile
      .command('list')
      .description('every saved profile; * marks the current one')
      .action((_o, cmd: Command) => {
        const out = outputFor(cmd, io);
        const file = readProfiles(io.env);
        const rows = Object.entries(file.profiles).map(([name, p]) => ({ name, current: name === file.current, ...masked(p) }));
        out.result({ current: file.current ?? null, profiles: rows }, () =>
          out.table(rows, [
            { header: '', value: (r) => (r.current ? '*' : '') },
            { header: 'PROFILE', value: (r) => r.name },
            { header: 'URL', value: (r) => r.url },
            { header: 'WORKSPACE', value: (r) => r.workspace },
          ]),
        );
      }),
    'schema-registry profile list --json',
  );
  examples(
    profile
      .command('show')
      .description('one profile (the current one by default), token shortened; the environment overrides it')
      .argument('[name]')
      .action((name: string | undefined, _o, cmd: Command) => {
        const out = outputFor(cmd, io);
        const file = readProfiles(io.env);
        const n = name ?? cmd.optsWithGlobals<{ profile?: string }>().profile ?? file.current ?? 'default';
        const p = file.profiles[n];
        if (!p) throw new UsageError(`no profile "${n}" in ${profilePath(io.env)}`);
        const shown = { name: n, ...masked(p), expires_at: p.token && claimsOf(p.token).exp ? new Date(claimsOf(p.token).exp! * 1000).toISOString() : null };
        out.result(shown, () => out.fields(Object.entries(shown)));
      }),
    'schema-registry profile show local',
  );
  examples(
    profile
      .command('use')
      .description('make a profile the current one')
      .argument('<name>')
      .action((name: string, _o, cmd: Command) => {
        const file = readProfiles(io.env);
        if (!file.profiles[name]) throw new UsageError(`no profile "${name}" (profiles: ${Object.keys(file.profiles).join(', ') || 'none'})`);
        writeProfiles(io.env, { ...file, current: name });
        outputFor(cmd, io).note(`current profile: ${name}`);
      }),
    'schema-registry profile use staging',
  );
  examples(
    profile
      .command('remove')
      .description('forget a profile and its token')
      .argument('<name>')
      .action((name: string, _o, cmd: Command) => {
        const file = readProfiles(io.env);
        if (!file.profiles[name]) throw new UsageError(`no profile "${name}"`);
        delete file.profiles[name];
        if (file.current === name) delete file.current;
        writeProfiles(io.env, file);
        outputFor(cmd, io).note(`removed profile ${name}`);
      }),
    'schema-registry profile remove staging',
  );
  return profile;
}
