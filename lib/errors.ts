/**
 * The one error hierarchy of the registry. Domain code throws these; `lib/http/problem.ts` is the only
 * place that turns them into HTTP statuses and RFC 9457 problem+json bodies.
 */

/** One validation failure, in the shape every 4xx body's `errors` array uses. */
export interface ErrorDetail {
  /** JSON pointer into the offending document ("" for the root). */
  path: string;
  message: string;
  /** The JSON Schema keyword or rule id that failed. */
  keyword: string;
}

export abstract class RegistryError extends Error {
  abstract readonly status: number;
  /** Short, stable, human title; the problem `type` URI is derived from the class name. */
  abstract readonly title: string;
  readonly errors?: ErrorDetail[];
  /** Extra members copied into the problem body (e.g. `allowed_transitions`). */
  readonly extensions?: Record<string, unknown>;
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers?: Record<string, string>;
  /** What the client is told instead of the message, when the message is meant for the operator. */
  readonly publicDetail?: string;

  constructor(
    message: string,
    options: { errors?: ErrorDetail[]; extensions?: Record<string, unknown>; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options.errors) this.errors = options.errors;
    if (options.extensions) this.extensions = options.extensions;
    if (options.headers) this.headers = options.headers;
  }
}

/** The request is malformed or its values break a rule (400). */
export class BadRequestError extends RegistryError {
  readonly status = 400;
  readonly title = 'Bad request';
}

/**
 * No valid credentials were presented (401). The challenge carries RFC 6750's error code: `invalid_request`
 * for a malformed Authorization header, `invalid_token` for a token that does not verify, none when no
 * credentials were sent at all.
 */
export class UnauthorizedError extends RegistryError {
  readonly status = 401;
  readonly title = 'Unauthorized';

  constructor(message: string, options: ConstructorParameters<typeof RegistryError>[1] & { bearerError?: 'invalid_request' | 'invalid_token' } = {}) {
    const { bearerError, ...rest } = options;
    super(message, { ...rest, headers: { 'WWW-Authenticate': bearerError ? `Bearer error="${bearerError}"` : 'Bearer', ...rest.headers } });
  }
}

/** The caller is known but lacks the role the action needs (403). */
export class ForbiddenError extends RegistryError {
  readonly status = 403;
  readonly title = 'Forbidden';
}

/** The resource does not exist, or exists in a workspace the caller cannot see (404). */
export class NotFoundError extends RegistryError {
  readonly status = 404;
  readonly title = 'Not found';
}

/** The path exists but not for this method (405). */
export class MethodNotAllowedError extends RegistryError {
  readonly status = 405;
  readonly title = 'Method not allowed';
}

/** The request conflicts with the stored state: a lost race, a forbidden transition, an immutable item (409). */
export class ConflictError extends RegistryError {
  readonly status = 409;
  readonly title = 'Conflict';
}

/** An `If-Match` precondition names a revision that is no longer current (412): read again, then retry. */
export class PreconditionFailedError extends RegistryError {
  readonly status = 412;
  readonly title = 'Precondition failed';
}

/** A change that needs `If-Match` was sent without it (428), so it could silently overwrite another's. */
export class PreconditionRequiredError extends RegistryError {
  readonly status = 428;
  readonly title = 'Precondition required';
}

/** The body is larger than the documented limit (413). */
export class PayloadTooLargeError extends RegistryError {
  readonly status = 413;
  readonly title = 'Payload too large';
}

/** The request line or headers are larger than the server reads (431). */
export class RequestHeaderFieldsTooLargeError extends RegistryError {
  readonly status = 431;
  readonly title = 'Request header fields too large';
}

/** The media type is not JSON (415). */
export class UnsupportedMediaTypeError extends RegistryError {
  readonly status = 415;
  readonly title = 'Unsupported media type';
}


/** The request is well-formed but its content is invalid: a schema or payload that fails validation (422). */
export class ValidationError extends RegistryError {
  readonly status = 422;
  readonly title = 'Validation failed';
}

/** The caller exceeded a rate limit (429). */
export class TooManyRequestsError extends RegistryError {
  readonly status = 429;
  readonly title = 'Too many requests';
}

/** A dependency (DynamoDB) is throttling or unavailable, or a write lost too many races; safe to retry soon (503, Retry-After). */
export class ServiceUnavailableError extends RegistryError {
  readonly status = 503;
  readonly title = 'Service unavailable';
  override readonly headers = { 'Retry-After': '1' };

  constructor(message = 'the registry is busy; retry with backoff', options: { cause?: unknown } = {}) {
    super(message, options);
  }
}

/**
 * The request ran too close to its deadline to commit its write safely, so nothing was written (503,
 * Retry-After, like any busy dependency): retrying is safe. See lib/deadline.ts.
 */
export class DeadlineExceededError extends ServiceUnavailableError {
  constructor() {
    super('the request ran out of time before its change could be committed safely, so nothing was changed; retry it');
  }
}

/**
 * The table is half-way through a migration to another layout (`npm run migrate-table`), or its data has
 * moved to another table: writes are refused until the cut-over or a rollback (503 with Retry-After, since
 * a migration ends; reads still work). The message, logged, names the table, its state and the designs.
 */
export class TableMigratingError extends RegistryError {
  readonly status = 503;
  readonly title = 'Table being migrated';
  override readonly headers = { 'Retry-After': '60' };
  override readonly publicDetail = "the registry's table is being migrated to a new layout, so writes are refused until the migration ends; reads still work";
}

/**
 * The table holds items of another major version of schema.yaml, whose key patterns differ: writes are
 * refused until an operator migrates the table or points the registry at another (503 without Retry-After,
 * since retrying does not help; reads still work). The message, logged, names the table and both versions.
 */
export class TableDesignMismatchError extends RegistryError {
  readonly status = 503;
  readonly title = 'Table design mismatch';
  override readonly publicDetail =
    "the registry's table was written by another major version of schema.yaml than this code follows, so writes are refused until an operator migrates it; reads still work";

  constructor(
    message: string,
    readonly tableName: string,
    readonly recorded: string,
    readonly current: string,
  ) {
    super(message);
  }
}
