/**
 * Structured JSON logs (powertools' Logger), loaded on the first line logged: the functions log only
 * failures, refusals and worker decisions, so a cold start that serves requests never parses the logger.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { once } from './util/once.js';

type Level = 'info' | 'warn' | 'error';

export type Log = Record<Level, (message: string, attributes?: Record<string, unknown>) => Promise<void>>;

/** A log of `serviceName` whose Logger is built on the first line. */
export function lazyLog(serviceName: string): Log {
  const logger = once(async (): Promise<Logger> => new (await import('@aws-lambda-powertools/logger')).Logger({ serviceName }));
  const at = (level: Level) => async (message: string, attributes: Record<string, unknown> = {}) => {
    (await logger())[level](message, attributes);
  };
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

/** The log of the API's route groups and workers. */
export const log = lazyLog('schema-registry');
