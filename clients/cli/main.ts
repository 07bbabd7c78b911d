/**
 * The `schema-registry` command line, built on the typed client. `run` takes its arguments and streams,
 * and returns the exit code: 0 ok, 1 error (the problem's title, detail and field errors printed), 2
 * usage, 3 incompatible (a dry-run or refused publish).
 */
import { Command } from 'commander';
import { auditCommand } from './commands/audit.js';
import { loginCommand, profileCommand } from './commands/login.js';
import { migrationsCommand } from './commands/migrations.js';
import { notificationsCommand } from './commands/notifications.js';
import { apiKeysCommand } from './commands/api-keys.js';
import { payloadsCommand } from './commands/payloads.js';
import { requestsCommand } from './commands/requests.js';
import { schemasCommand } from './commands/schemas.js';
import { examples } from './help.js';
import type { Io } from './io.js';
import { Output } from './output.js';
import { report } from './report.js';

export function buildProgram(io: Io): Command {
  const program = new Command('schema-registry')
    .description('Command line for the schema registry: schemas, payloads, schema requests, migrations, audit, notifications and API keys')
    .version('0.1.0')
    .option('--profile <name>', 'the saved profile to use (default: the current one, or SCHEMA_REGISTRY_PROFILE)')
    .option('-w, --workspace <id>', 'the workspace (default: the profile\u2019s, or SCHEMA_REGISTRY_WORKSPACE)')
    .option('--json', 'print JSON (the API\u2019s responses) instead of tables')
    .showHelpAfterError('(add --help for usage)');
  examples(program, 'schema-registry login --local', 'schema-registry schemas publish people.json --name people', 'schema-registry payloads import people.ndjson --schema people');
  for (const command of [loginCommand(io), profileCommand(io), schemasCommand(io), payloadsCommand(io), requestsCommand(io), migrationsCommand(io), auditCommand(io), notificationsCommand(io), apiKeysCommand(io)]) program.addCommand(command);
  // Every command, however deep, writes through io and reports usage errors instead of exiting.
  const configure = (c: Command) => {
    c.exitOverride().configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s), outputError: (s, write) => write(s) });
    c.commands.forEach(configure);
  };
  configure(program);
  return program;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    return report(e, new Output(io, argv.includes('--json')));
  }
}
