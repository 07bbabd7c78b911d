/**
 * `npm run -s token -- --user alice --workspace acme --role writer`: a local development token. Standard
 * output gets the token alone, so `TOKEN=$(npm run -s token -- ...)` captures exactly it; notes go to
 * standard error: on a terminal, what the token grants, and under `npm run` without -s, that npm's banner
 * went to standard output before it.
 */
import { Command, Option } from 'commander';
import { DEV_KEY_PATH, devKey, mintToken } from '../lib/auth/dev-tokens.js';
import { ROLES, type Role } from '../lib/auth/roles.js';
import { npmBannerPrinted } from '../lib/config.js';

const program = new Command()
  .name('token')
  .description('Mint a bearer token for the local registry (signed with the key under .data/)')
  .requiredOption('--user <sub>', 'the user id (sub claim)')
  .option('--workspace <id...>', 'workspace(s) to grant the role in', ['default'])
  .addOption(new Option('--role <role>', 'role in those workspaces').choices(ROLES).default('reader'))
  .option('--expires <duration>', 'lifetime, e.g. 1h or 7d', '12h')
  .option('--key-file <path>', 'the signing key (created if missing)', DEV_KEY_PATH)
  .parse();
const o = program.opts<{ user: string; workspace: string[]; role: Role; expires: string; keyFile: string }>();

const memberships = o.workspace.map((workspace) => ({ workspace, role: o.role }));
const token = await mintToken(await devKey(o.keyFile), { user: o.user, memberships, expiresIn: o.expires });
process.stdout.write(`${token}\n`);
if (npmBannerPrinted() && !process.stdout.isTTY) {
  console.error('token: npm printed its banner on standard output before the token, so a capture holds more than the token; use npm run -s token -- ...');
} else if (process.stdout.isTTY) {
  console.error(`token: ${o.user} as ${memberships.map((m) => `${m.workspace}:${m.role}`).join(', ')} for ${o.expires}; capture it with TOKEN=$(npm run -s token -- ...)`);
}
