/**
 * The one place where errors become HTTP responses: RFC 9457 problem+json bodies with the status each
 * error class declares. Unknown errors become a 500 whose details stay in the logs, never in the body.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { RegistryError, ServiceUnavailableError } from '../errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

const kebab = (s: string) => s.replace(/Error$/, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** middy's own errors (http-errors): a status and whether the message is safe to show. */
interface HttpErrorLike {
  statusCode: number;
  expose?: boolean;
  message: string;
}
function isHttpError(e: unknown): e is HttpErrorLike {
  return typeof e === 'object' && e !== null && typeof (e as HttpErrorLike).statusCode === 'number';
}

/** DynamoDB throttling and capacity errors are retryable: the client should see 503, not 500. */
const RETRYABLE = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'InternalServerError', 'ServiceUnavailable']);

export function toProblem(error: unknown, instance?: string): { body: ProblemBody; headers: Record<string, string> } {
  let e = error;
  if (e instanceof Error && RETRYABLE.has(e.name)) {
    e = new ServiceUnavailableError(undefined, { cause: e });
  }
  if (e instanceof RegistryError) {
    // Extensions come first so they can never overwrite the standard members (status above all).
    const body: ProblemBody = { ...(e.extensions ?? {}), type: `urn:schema-registry:problem:${kebab(e.name)}`, title: e.title, status: e.status, detail: e.publicDetail ?? e.message };
    if (e.errors) body.errors = e.errors;
    if (instance) body.instance = instance;
    return { body, headers: e.headers ?? {} };
  }
  if (isHttpError(e) && e.statusCode < 500) {
    const detail = e.expose === false ? 'the request could not be processed' : e.message;
    const body: ProblemBody = { type: `urn:schema-registry:problem:http-${e.statusCode}`, title: detail, status: e.statusCode, detail };
    if (instance) body.instance = instance;
    return { body, headers: {} };
  }
  const body: ProblemBody = { type: 'urn:schema-registry:problem:internal', title: 'Internal error', status: 500, detail: 'an unexpected error occurred; it has been logged' };
  if (instance) body.instance = instance;
  return { body, headers: {} };
}

export function problemResponse(error: unknown, instance?: string): APIGatewayProxyStructuredResultV2 {
  const { body, headers } = toProblem(error, instance);
  return { statusCode: body.status, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...headers }, body: JSON.stringify(body) };
}
