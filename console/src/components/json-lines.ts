/**
 * Pretty-prints JSON as lines and remembers which lines hold each JSON pointer, so a diff can highlight the
 * lines of a changed path (`/properties/email`) on either side.
 */
export interface JsonLines {
  lines: string[];
  /** pointer -> [first line, last line] */
  ranges: Map<string, [number, number]>;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export function jsonLines(value: unknown): JsonLines {
  const lines: string[] = [];
  const ranges = new Map<string, [number, number]>();
  const walk = (v: unknown, pointer: string, indent: string, prefix: string, comma: string) => {
    const start = lines.length;
    if (Array.isArray(v) && v.length) {
      lines.push(`${indent}${prefix}[`);
      v.forEach((item, i) => walk(item, `${pointer}/${i}`, `${indent}  `, '', i < v.length - 1 ? ',' : ''));
      lines.push(`${indent}]${comma}`);
    } else if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) {
      lines.push(`${indent}${prefix}{`);
      const entries = Object.entries(v as Record<string, unknown>);
      entries.forEach(([k, item], i) => walk(item, `${pointer}/${escapePointer(k)}`, `${indent}  `, `${JSON.stringify(k)}: `, i < entries.length - 1 ? ',' : ''));
      lines.push(`${indent}}${comma}`);
    } else {
      lines.push(`${indent}${prefix}${JSON.stringify(v)}${comma}`);
    }
    ranges.set(pointer, [start, lines.length - 1]);
  };
  walk(value, '', '', '', '');
  return { lines, ranges };
}

/** The lines of `pointer`, or of its nearest ancestor that exists (a removed key's parent on the new side). */
export function linesOf(doc: JsonLines, pointer: string, exact: boolean): [number, number] | undefined {
  let p = pointer;
  for (;;) {
    const r = doc.ranges.get(p);
    if (r) return r;
    if (exact || p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
