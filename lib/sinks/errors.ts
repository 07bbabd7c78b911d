/**
 * Sink errors, in the registry's one hierarchy, and the scrubbing every database message goes through
 * before it leaves this module: drivers echo hosts, users and sometimes whole connection strings.
 */
import { ConflictError, ServiceUnavailableError, ValidationError } from '../errors.js';

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi;
const KEY_VALUE_SECRET = /\b(password|passwd|pwd|secret|token|user(?:name)?)\s*[=:]\s*("[^"]*"|'[^']*'|\S+)/gi;
const MAX_MESSAGE_LENGTH = 500;

/**
 * The message of `error` with every known secret value, URL and `password=…` pair replaced. `secrets`
 * are the resolved connection values (URL, password, user) of the sink at hand.
 */
export function scrubMessage(error: unknown, secrets: readonly string[] = []): string {
  let text = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) {
    if (secret.length >= 3) text = text.split(secret).join('[redacted]');
  }
  text = text.replace(URL_IN_TEXT, '[connection]').replace(KEY_VALUE_SECRET, '$1=[redacted]');
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 3)}...` : text;
}

/** The sink cannot be reached or its connection reference does not resolve (503: retry once fixed). */
export class SinkUnavailableError extends ServiceUnavailableError {}

/** The sink's settings are invalid (422). */
export class SinkSettingsError extends ValidationError {}

/**
 * A statement of the migration failed (409: retry once the cause is fixed). Nothing of it stays
 * applied, except on MySQL, where the `kept_statements` before the failing one stay and a retry resumes.
 * `statements`: what this attempt ran, the failing one last.
 */
export class MigrationFailedError extends ConflictError {
  constructor(
    message: string,
    readonly details: { operation: 'apply' | 'rollback'; statement_index: number; failed_statement: string; database_error: string; kept_statements: number; statements: string[] },
  ) {
    super(message, { extensions: details });
  }
}

/** The tracking row's checksum disagrees with the migration's SQL: someone changed one of them (409). */
export class ChecksumMismatchError extends ConflictError {}

/** The migration cannot run yet: it waits on other migrations (409, with `waiting_on`). */
export class MigrationWaitingError extends ConflictError {
  constructor(message: string, readonly waitingOn: string[]) {
    super(message, { extensions: { waiting_on: waitingOn } });
  }
}

/** Rollback refused while later applied migrations depend on this one (409, with `dependents`). */
export class RollbackBlockedError extends ConflictError {
  constructor(message: string, readonly dependents: string[]) {
    super(message, { extensions: { dependents } });
  }
}

/** The migration is in the wrong state for the operation (409). */
export class MigrationStateError extends ConflictError {}
