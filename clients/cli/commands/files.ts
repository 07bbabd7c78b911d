/** Reading JSON arguments: a file path, `-` for stdin, or inline JSON text. */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path === '-' ? 'stdin' : path}: ${(e as Error).message}`);
  }
  return parseJson(text, path === '-' ? 'stdin' : path);
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what} is not valid JSON: ${(e as Error).message}`);
  }
}
