/** `--schema-ref ID | --schema NAME` for the payload commands: the exact version writes validate against. */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { latestVersion } from './refs.js';

export interface SchemaChoice {
  schemaRef?: string;
  schema?: string;
}

export function schemaChoice(command: Command): Command {
  return command.option('--schema-ref <id>', 'the exact schema version id').option('--schema <name>', "the schema's latest version, by name");
}

export function checkOneSchema(o: SchemaChoice): void {
  if (Boolean(o.schemaRef) === Boolean(o.schema)) throw new UsageError('give exactly one of --schema-ref ID or --schema NAME');
}

/** The version id writes go to: --schema-ref as given, or the latest version of --schema, resolved once. */
export async function schemaRefOf(ctx: Context, o: SchemaChoice): Promise<string> {
  checkOneSchema(o);
  return o.schemaRef ?? (await latestVersion(ctx, o.schema!)).id;
}
