/**
 * The records of an import file, read as a stream (memory stays flat whatever the file size): NDJSON,
 * one document per line (blank lines skipped), or a JSON array, told apart by the first character.
 */
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import streamArray from 'stream-json/streamers/stream-array.js';
import { UsageError } from '../errors.js';

export interface ImportRecord {
  /** 1-based: the line of an NDJSON file, the element of an array. */
  position: number;
  /** The record's JSON text, as sent (NDJSON) or re-serialized (array elements): its identity for resuming. */
  text: string;
  value?: unknown;
  /** Set when the line is not JSON; the record is rejected, the import goes on. */
  parseError?: string;
}

export interface RecordSource {
  records: AsyncGenerator<ImportRecord>;
  format: 'ndjson' | 'json-array';
  size: number;
  /** Bytes of the file read so far. */
  bytesRead(): number;
}

function firstCharacter(path: string): string | undefined {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').trimStart()[0];
  } finally {
    closeSync(fd);
  }
}

async function* ndjson(stream: NodeJS.ReadableStream): AsyncGenerator<ImportRecord> {
  let position = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    position++;
    const text = position === 1 ? line.replace(/^\uFEFF/, '').trim() : line.trim();
    if (!text) continue;
    try {
      yield { position, text, value: JSON.parse(text) };
    } catch (e) {
      yield { position, text, parseError: `line ${position} is not JSON: ${(e as Error).message}` };
    }
  }
}

async function* jsonArray(stream: NodeJS.ReadableStream): AsyncGenerator<ImportRecord> {
  const items = stream.pipe(streamArray.withParserAsStream()) as AsyncIterable<{ key: number; value: unknown }>;
  try {
    for await (const { key, value } of items) yield { position: key + 1, text: JSON.stringify(value), value };
  } catch (e) {
    // A syntax error in an array leaves no way to find the next element: the import stops here.
    throw new Error(`the JSON array is malformed: ${(e as Error).message}`);
  }
}

export function openRecords(path: string): RecordSource {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const stream = createReadStream(path);
  const format = firstCharacter(path) === '[' ? 'json-array' : 'ndjson';
  return { records: format === 'ndjson' ? ndjson(stream) : jsonArray(stream), format, size, bytesRead: () => stream.bytesRead };
}
