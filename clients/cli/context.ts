/** What an action needs: the output, a client for the resolved connection, and the workspace. */
import type { Command } from 'commander';
import { createRegistryClient, type RegistryClient } from '../typescript/src/index.js';
import type { Io } from './io.js';
import { Output } from './output.js';
import { resolveConnection, type Connection } from './profiles.js';

export interface GlobalOptions {
  profile?: string;
  workspace?: string;
  json?: boolean;
}

export interface Context {
  io: Io;
  out: Output;
  client: RegistryClient;
  connection: Connection;
  workspace: string;
}

export const USER_AGENT = 'schema-registry-cli/0.1';

export function outputFor(command: Command, io: Io): Output {
  return new Output(io, Boolean(command.optsWithGlobals<GlobalOptions>().json));
}

export function contextFor(command: Command, io: Io): Context {
  const flags = command.optsWithGlobals<GlobalOptions>();
  const connection = resolveConnection(io.env, flags);
  const client = createRegistryClient({ baseUrl: connection.url, ...(connection.token ? { token: connection.token } : {}), userAgent: USER_AGENT });
  return { io, out: outputFor(command, io), client, connection, workspace: connection.workspace };
}
