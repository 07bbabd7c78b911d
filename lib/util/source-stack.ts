/**
 * Stack traces that name the sources, not the minified bundle, mapped when an error is logged. Lambda's
 * usual `--enable-source-maps` parses every source map at every cold start (20 ms of the payloads
 * function's); reading the bundle's map only when there is a stack to map costs nothing until then.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Parsed maps by bundle file; null: the file has none (or not one Node can read). */
const maps = new Map<string, SourceMap | null>();

function mapOf(file: string): SourceMap | null {
  let map = maps.get(file);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    maps.set(file, map);
  }
  return map;
}

/** A stack frame's position in a bundle: `file:///var/task/index.mjs:1:2345` or a plain path. */
const POSITION = /(file:\/\/\/[^\s():]+\.m?js|\/[^\s():]+\.m?js):(\d+):(\d+)/g;

/** `stack` with every position in a bundle that has a source map replaced by the source position. */
export function sourceMappedStack(stack: string): string {
  return stack.replace(POSITION, (position, url: string, line: string, column: string) => {
    const file = url.startsWith('file://') ? fileURLToPath(url) : url;
    const entry = mapOf(file)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry) || entry.originalSource === undefined) return position;
    return `${resolve(dirname(file), entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

/** `error` with its stack mapped (in place, as it is about to be logged). */
export function withSourceStack<T>(error: T): T {
  if (error instanceof Error && typeof error.stack === 'string') error.stack = sourceMappedStack(error.stack);
  return error;
}

/** `handler`, rethrowing what it throws with the stack mapped, for the Lambda runtime to log. */
export function mappingErrors<A extends unknown[], R>(handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      throw withSourceStack(error);
    }
  };
}
