/** Reading JSON arguments: a file path, `-` for stdin, or inline JSON text. */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

export function readJsonFile(path: string): unknown {
  return parseJson(readText(path), path === '-' ? 'stdin' : path);
}

function readText(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path === '-' ? 'stdin' : path}: ${(e as Error).message}`);
  }
}

/**
 * A definition file: JSON when its text starts as JSON does (`{`, `[`, `"`), otherwise the text itself,
 * for engines whose definitions are written in their own language (a `.proto` source).
 */
export function readDefinitionFile(path: string): unknown {
  const text = readText(path);
  return /^\s*[[{"]/.test(text) ? parseJson(text, path === '-' ? 'stdin' : path) : text;
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what} is not valid JSON: ${(e as Error).message}`);
  }
}
