/**
 * The middy stack every route group shares, in the order middy's docs give: JSON body parser, security
 * headers, CORS, and the problem+json error handler last (its onError runs first, so the other middlewares
 * still decorate the error response). No header normalizer: API Gateway's HTTP API events (payload format
 * 2.0, the only kind the stack sends) and the local server's name every header in lower case.
 */
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { corsOrigin } from '../config.js';
import { EARLY_ANSWER_MS, withDeadline } from '../deadline.js';
import { log } from '../log.js';
import { BadRequestError, DeadlineExceededError, NotFoundError } from '../errors.js';
import { requireJsonMediaType } from './media-type.js';
import { problemResponse } from './problem.js';
import { apiSecurityHeaders } from './security-headers.js';
import { withSourceStack } from '../util/source-stack.js';

export type HttpEvent = APIGatewayProxyEventV2 & { body?: unknown };
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type RouteFn = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/** A JSON response with the given success status. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

// The media type is checked by requireJsonMediaType: middy's own check is case-sensitive. The option
// exists in the middleware (index.js) but not in its published types.
const parser = httpJsonBodyParser({ disableContentTypeCheck: true } as Parameters<typeof httpJsonBodyParser>[0]);
/**
 * middy's JSON parser, applied only to methods that carry a body (it refuses body-less GETs with 415),
 * with malformed JSON reported as the client error it is (400) rather than middy's 415.
 */
const jsonBody = (aliases: readonly string[]): middy.MiddlewareObj<HttpEvent, HttpResult> => ({
  before: async (request) => {
    const method = request.event.requestContext.http.method;
    if (method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'OPTIONS') return;
    const type = request.event.headers['content-type'];
    if (!aliases.includes((type ?? '').split(';')[0]!.trim().toLowerCase())) requireJsonMediaType(type);
    try {
      await parser.before!(request as never);
    } catch (e) {
      const cause = (e as { cause?: { message?: string } }).cause;
      if (cause?.message) throw new BadRequestError(`request body is not valid JSON: ${cause.message}`);
      if ((e as Error).message.startsWith('Invalid or malformed')) throw new BadRequestError('request body is missing; send a JSON document');
      throw e;
    }
  },
});

/**
 * Dispatches on API Gateway's routeKey ("GET /api/v1/schemas/{id}"), which the local server sets the same way.
 * `securityHeaders`: a group that serves pages gives htmlSecurityHeaders (html-security-headers.ts) with its
 * Content-Security-Policy; the others send the API's (security-headers.ts).
 */
export function routeHandler(
  routes: Record<string, RouteFn>,
  options: {
    corsOrigin?: string;
    securityHeaders?: middy.MiddlewareObj<HttpEvent, HttpResult>;
    /** Builds error responses instead of problem+json (another API's error bodies). */
    errorResponse?: (error: unknown) => HttpResult;
    /** Request media types read as JSON besides JSON's own (e.g. application/octet-stream). */
    jsonMediaTypes?: readonly string[];
  } = {},
) {
  const dispatch: RouteFn = async (event, context) => {
    const fn = routes[event.routeKey];
    if (!fn) throw new NotFoundError(`no route ${event.routeKey}`);
    return withDeadline(context.getRemainingTimeInMillis?.(), () => fn(event, context));
  };
  const handler = middy<HttpEvent, HttpResult>(dispatch, {
    // Answer a retryable 503 before the function's timeout instead of middy's 500: by then writes are refused (lib/deadline.ts).
    timeoutEarlyInMillis: EARLY_ANSWER_MS,
    timeoutEarlyResponse: () => {
      throw new DeadlineExceededError();
    },
  })
    .use(jsonBody(options.jsonMediaTypes ?? []))
    .use(options.securityHeaders ?? apiSecurityHeaders());
  const origin = options.corsOrigin ?? corsOrigin();
  if (origin) handler.use(httpCors({ origins: [origin] }));
  return handler.use({
    onError: async (request) => {
      request.response = options.errorResponse ? options.errorResponse(request.error) : problemResponse(request.error, request.event.rawPath);
      if (request.response.statusCode! >= 500) await log.error('request failed', { routeKey: request.event.routeKey, error: withSourceStack(request.error as Error) });
    },
  });
}
