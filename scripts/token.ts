/** `npm run token -- --user alice --workspace acme --role writer`: a local development token. */
import { Command, Option } from 'commander';
import { devKey, mintToken } from '../lib/auth/dev-tokens.js';
import { ROLES, type Role } from '../lib/auth/roles.js';

const program = new Command()
  .name('token')
  .description('Mint a bearer token for the local registry (signed with the key under .data/)')
  .requiredOption('--user <sub>', 'the user id (sub claim)')
  .option('--workspace <id...>', 'workspace(s) to grant the role in', ['default'])
  .addOption(new Option('--role <role>', 'role in those workspaces').choices(ROLES).default('reader'))
  .option('--expires <duration>', 'lifetime, e.g. 1h or 7d', '12h')
  .parse();
const o = program.opts<{ user: string; workspace: string[]; role: Role; expires: string }>();

const token = await mintToken(await devKey(), {
  user: o.user,
  memberships: o.workspace.map((workspace) => ({ workspace, role: o.role })),
  expiresIn: o.expires,
});
console.log(token);
