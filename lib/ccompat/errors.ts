/**
 * Confluent's error bodies, `{"error_code": 40401, "message": "..."}`: the registry's one error hierarchy
 * still picks the status; the few errors whose Confluent code is not the status's default name theirs.
 */
import { NotFoundError, ValidationError } from '../errors.js';
import { toProblem } from '../http/problem.js';
import type { HttpResult } from '../http/handler.js';

export const CONFLUENT_CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export class SubjectNotFoundError extends NotFoundError {
  readonly confluentCode = 40401;
}
export class VersionNotFoundError extends NotFoundError {
  readonly confluentCode = 40402;
}
export class SchemaNotFoundError extends NotFoundError {
  readonly confluentCode = 40403;
}
export class InvalidVersionError extends ValidationError {
  readonly confluentCode = 42202;
}
export class InvalidCompatibilityLevelError extends ValidationError {
  readonly confluentCode = 42203;
}
export class InvalidModeError extends ValidationError {
  readonly confluentCode = 42204;
}
export class OperationNotPermittedError extends ValidationError {
  readonly confluentCode = 42205;
}

/** Confluent's code for a status when the error names none: 404 is "subject not found", 422 "invalid schema". */
const DEFAULT_CODES: Record<number, number> = { 401: 40101, 403: 40301, 404: 40401, 409: 409, 422: 42201, 500: 50001, 503: 50003 };

export function confluentBody(error: unknown): { status: number; body: { error_code: number; message: string }; headers: Record<string, string> } {
  const { body, headers } = toProblem(error);
  const code = (error as { confluentCode?: number }).confluentCode ?? DEFAULT_CODES[body.status] ?? body.status;
  // The problem's detail: 5xx details already stay in the logs there.
  return { status: body.status, body: { error_code: code, message: body.detail }, headers };
}

/** The HTTP response of an error on a Confluent-compatible route. */
export function confluentErrorResponse(error: unknown): HttpResult {
  const { status, body, headers } = confluentBody(error);
  const { 'Content-Type': _problemType, ...rest } = headers;
  return { statusCode: status, headers: { ...rest, 'Content-Type': CONFLUENT_CONTENT_TYPE }, body: JSON.stringify(body) };
}
