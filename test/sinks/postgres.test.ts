/**
 * The runner on a real PostgreSQL server (Debian's postgresql, started for this file on a free port),
 * reached by URL from an environment variable, with password authentication, so the tests can also
 * check that the credentials never leave in an error or a log line (test/sinks/real-server.ts).
 */
import { postgresUnavailable, startPostgres } from '../support/postgres-server.js';
import { onRealServer } from './real-server.js';

onRealServer({
  engine: 'PostgreSQL',
  driver: 'node-postgres',
  dialect: 'postgres',
  unavailable: await postgresUnavailable(),
  start: startPostgres,
  refusal: /password authentication failed/,
});
