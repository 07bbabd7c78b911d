/**
 * Regular expressions of untrusted schemas run on RE2 (the re2js port), whose matching time is linear
 * in the input, instead of the backtracking engine of `RegExp`, where `^(a+)+$` takes exponential time,
 * unless linear-pattern.ts proves the backtracking engine linear for that pattern.
 *
 * JSON Schema patterns are ECMA-262 (with the `u` flag, as ajv compiles them), and RE2 reads some of the
 * same syntax differently: `\s`/`\S` are ASCII-only, `.` matches `\r`, U+2028 and U+2029, and only short
 * Unicode property names exist (`\p{L}`, not `\p{Letter}` or `\p{Script=Greek}`). translatePattern
 * rewrites those so RE2's verdict is ECMAScript's, and refuses, with the reason, what has no exact
 * translation (lookaround, backreferences, `\S` inside a class, Script_Extensions).
 */
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { RE2JS } from 're2js';
import { provenLinear } from './linear-pattern.js';

/** ECMAScript's WhiteSpace and LineTerminator code points, which `\s` matches, as RE2 class content. */
const WHITESPACE = '\\t\\n\\x{b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
/** What `.` matches without the `s` flag: everything but the line terminators. */
const DOT = '[^\\n\\r\\x{2028}\\x{2029}]';

/** Long General_Category names (and aliases) ECMAScript accepts, to the short names RE2 knows. */
const CATEGORIES: Record<string, string> = {
  Letter: 'L', Cased_Letter: 'LC', Uppercase_Letter: 'Lu', Lowercase_Letter: 'Ll', Titlecase_Letter: 'Lt', Modifier_Letter: 'Lm', Other_Letter: 'Lo',
  Mark: 'M', Combining_Mark: 'M', Nonspacing_Mark: 'Mn', Spacing_Mark: 'Mc', Enclosing_Mark: 'Me',
  Number: 'N', Decimal_Number: 'Nd', digit: 'Nd', Letter_Number: 'Nl', Other_Number: 'No',
  Punctuation: 'P', punct: 'P', Connector_Punctuation: 'Pc', Dash_Punctuation: 'Pd', Open_Punctuation: 'Ps', Close_Punctuation: 'Pe',
  Initial_Punctuation: 'Pi', Final_Punctuation: 'Pf', Other_Punctuation: 'Po',
  Symbol: 'S', Math_Symbol: 'Sm', Currency_Symbol: 'Sc', Modifier_Symbol: 'Sk', Other_Symbol: 'So',
  Separator: 'Z', Space_Separator: 'Zs', Line_Separator: 'Zl', Paragraph_Separator: 'Zp',
  Other: 'C', Control: 'Cc', cntrl: 'Cc', Format: 'Cf', Surrogate: 'Cs', Private_Use: 'Co', Unassigned: 'Cn',
};

export class UntranslatablePattern extends Error {}

/** `\p{...}` contents in RE2 terms; throws UntranslatablePattern when RE2 has no equivalent. */
function propertyName(body: string): string {
  const [key, value] = body.includes('=') ? (body.split('=', 2) as [string, string]) : [undefined, body];
  if (key === 'Script_Extensions' || key === 'scx') throw new UntranslatablePattern(`\\p{${body}}: RE2 has no Script_Extensions`);
  if (key === 'Script' || key === 'sc') return value;
  if (key !== undefined && key !== 'General_Category' && key !== 'gc') throw new UntranslatablePattern(`\\p{${body}}: RE2 has no property ${key}`);
  if (value === 'LC') throw new UntranslatablePattern(`\\p{${body}}: RE2 has no Cased_Letter`);
  const short = CATEGORIES[value] ?? value;
  if (short === 'LC') throw new UntranslatablePattern(`\\p{${body}}: RE2 has no Cased_Letter`);
  return short;
}

/**
 * The RE2 source that matches exactly what ECMA-262 `pattern` (with the `u` flag) matches, and whether
 * it differs from the pattern as written. Throws UntranslatablePattern, or RE2's syntax error later.
 */
export function translatePattern(pattern: string): { source: string; changed: boolean } {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1] as string;
      if (next === 's') {
        out += inClass ? WHITESPACE : `[${WHITESPACE}]`;
        i += 1;
      } else if (next === 'S') {
        if (inClass) throw new UntranslatablePattern('\\S inside a character class: RE2 cannot negate part of a class');
        out += `[^${WHITESPACE}]`;
        i += 1;
      } else if ((next === 'p' || next === 'P') && pattern[i + 2] === '{') {
        const end = pattern.indexOf('}', i + 3);
        if (end < 0) throw new UntranslatablePattern(`unterminated \\${next}{`);
        out += `\\${next}{${propertyName(pattern.slice(i + 3, end))}}`;
        i = end;
      } else {
        out += ch + next;
        i += 1;
      }
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[' && pattern.startsWith('[]', i)) {
      // ECMAScript's empty class matches nothing (RE2 would read `]` as a member).
      out += '[^\\x{0}-\\x{10ffff}]';
      i += 1;
    } else if (ch === '[' && pattern.startsWith('[^]', i)) {
      out += '(?s:.)';
      i += 2;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if (ch === '.') {
      out += DOT;
    } else {
      out += ch;
    }
  }
  return { source: out, changed: out !== pattern };
}

/** Compiles an ECMA-262 pattern (the dialect JSON Schema uses) to RE2; throws when RE2 cannot express it. */
export function compileRe2(pattern: string): RE2JS {
  return RE2JS.compile(RE2JS.translateRegExp(translatePattern(pattern).source));
}

/**
 * ajv's `code.regExp` hook: the native engine for patterns proven linear (linear-pattern.ts), RE2 for
 * the rest. RE2 is always Unicode-aware, so ajv's `u` flag needs no translation. `code` only matters
 * for ajv's standalone code generation, which the registry does not use.
 */
export const schemaRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string): { test(input: string): boolean } => (provenLinear(pattern) ? new RegExp(pattern, flags) : compileRe2(pattern)),
  { code: 'require("re2js").RE2JS.compile' },
);

/** Whether `pattern` runs on RE2 (it is not proven linear on the native engine). */
export function runsOnRe2(pattern: string): boolean {
  return !provenLinear(pattern);
}

/** Why RE2 refuses `pattern`, or undefined when it compiles. */
export function re2Problem(pattern: string): string | undefined {
  try {
    compileRe2(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
