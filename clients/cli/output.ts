/**
 * Everything a command prints goes through here: `--json` prints the API's JSON for scripts; otherwise
 * aligned tables and key/value blocks, coloured only when the stream is a terminal (and NO_COLOR unset).
 */
import pc from 'picocolors';
import type { Io, Stream } from './io.js';

export type Colors = ReturnType<typeof pc.createColors>;

export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
  /** Colours the padded cell (applied after alignment, so escape codes never skew widths). */
  color?: (text: string, row: T) => string;
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));

export class Output {
  readonly json: boolean;
  readonly color: Colors;
  readonly err: Colors;

  constructor(
    private readonly io: Io,
    json: boolean,
  ) {
    this.json = json;
    const tty = (s: Stream) => Boolean(s.isTTY) && !('NO_COLOR' in io.env);
    this.color = pc.createColors(tty(io.stdout));
    this.err = pc.createColors(tty(io.stderr));
  }

  line(s = ''): void {
    this.io.stdout.write(s + '\n');
  }

  /** A line on stderr, whatever the mode (errors and their details). */
  errLine(s = ''): void {
    this.io.stderr.write(s + '\n');
  }

  /** A note for people (stderr, so stdout stays clean for pipes); silent with --json. */
  note(s: string): void {
    if (!this.json) this.io.stderr.write(s + '\n');
  }

  warn(s: string): void {
    this.io.stderr.write(this.err.yellow(`warning: ${s}`) + '\n');
  }

  /** With --json the value itself; otherwise whatever `human` prints. */
  result(value: unknown, human: () => void): void {
    if (this.json) this.line(JSON.stringify(value, null, 2));
    else human();
  }

  table<T>(rows: readonly T[], columns: Column<T>[], to: 'stdout' | 'stderr' = 'stdout'): void {
    const color = to === 'stdout' ? this.color : this.err;
    const print = (s: string) => (to === 'stdout' ? this.line(s) : this.errLine(s));
    if (!rows.length) {
      print(color.dim('(none)'));
      return;
    }
    const cells = rows.map((r) => columns.map((c) => text(c.value(r)).replace(/\s+/g, ' ')));
    const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
    const last = columns.length - 1;
    const pad = (s: string, i: number) => (i === last ? s : s.padEnd(widths[i]!));
    print(color.bold(columns.map((c, i) => pad(c.header, i)).join('  ').trimEnd()));
    rows.forEach((row, r) => {
      const line = columns.map((c, i) => {
        const cell = pad(cells[r]![i]!, i);
        return c.color ? c.color(cell, row) : cell;
      });
      print(line.join('  ').trimEnd());
    });
  }

  /** `key  value` lines, keys aligned; undefined values are left out. */
  fields(entries: [string, unknown][]): void {
    const shown = entries.filter(([, v]) => v !== undefined);
    const width = Math.max(...shown.map(([k]) => k.length));
    for (const [k, v] of shown) this.line(`${this.color.dim(k.padEnd(width))}  ${text(v)}`);
  }

  /** Pretty JSON (definitions, documents): the one human form that is also valid input. */
  document(value: unknown): void {
    this.line(JSON.stringify(value, null, 2));
  }
}
