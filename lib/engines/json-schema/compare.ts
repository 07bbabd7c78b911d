/**
 * compare(previous, next) for JSON Schema: the compatibility check and the explained diff in one walk.
 *
 * Open content models: by default (`'lenient'`) a property the next version declares where the previous
 * version accepted any value under that name (additionalProperties absent or true, no matching
 * patternProperties) counts as compatible both ways, because adding an optional field to an open object
 * is what users expect to pass, although an old document could already carry that name with a
 * conflicting value (`'strict'` reports exactly that). The exception covers only that case and only the
 * previous-to-next direction; everything else is proven soundly, as the Apicurio corpus expects: it has
 * no addition to a truly open object, but it requires removing a property from one, or dropping a
 * dependency schema (whose reversed proof looks like an addition), to fail FORWARD.
 */
import { BadRequestError, ValidationError } from '../../errors.js';
import type { Change, CompareOptions, CompareResult, Json } from '../types.js';
import { Comparator } from './compare/comparator.js';
import { SchemaDocument } from './compare/document.js';
import { isObject } from '../../util/json.js';
import { jsonDepth } from './compare/json.js';
import { andFlags } from './compare/walk.js';

/** JSON nesting the comparison walks recursively; far beyond hand-written schemas, well within the stack. */
const MAX_DEPTH = 1000;

/** The output budget of one comparison: at most this many changes are reported... */
export const MAX_REPORTED_CHANGES = 100;
/** ...and at most this many bytes of them as JSON (a change quotes the values it is about). */
export const MAX_REPORTED_BYTES = 64 * 1024;

const breaksEither = (c: Change) => !c.backward_compatible || !c.forward_compatible;

/**
 * The changes within the output budget: the first that breaks each direction, then the other breaking
 * ones, then the rest, each in walk order; so a caller that reads only the reported changes under any
 * mode still finds one that breaks it when there is one.
 */
function report(changes: Change[]): Pick<CompareResult, 'changes' | 'truncated'> {
  const firsts = new Set([changes.find((c) => !c.backward_compatible), changes.find((c) => !c.forward_compatible)].filter((c) => c !== undefined));
  const ordered = [...firsts, ...changes.filter((c) => breaksEither(c) && !firsts.has(c)), ...changes.filter((c) => !breaksEither(c))];
  const reported: Change[] = [];
  let bytes = 2;
  for (const change of ordered) {
    bytes += Buffer.byteLength(JSON.stringify(change)) + 1;
    if (reported.length === MAX_REPORTED_CHANGES || (bytes > MAX_REPORTED_BYTES && reported.length > 0)) break;
    reported.push(change);
  }
  if (reported.length === changes.length) return { changes };
  return { changes: reported, truncated: { total_changes: changes.length, reported_changes: reported.length } };
}

/**
 * Compares two JSON Schema definitions. BACKWARD compatible: every document valid under `previous` is
 * valid under `next`; FORWARD compatible: every document valid under `next` is valid under `previous`.
 * Changes the checker cannot prove compatible are reported as incompatible, with an explanation saying so.
 */
export function compareJsonSchemas(previous: Json, next: Json, options: CompareOptions = {}): CompareResult {
  for (const [name, definition] of [['previous', previous], ['next', next]] as const) {
    if (typeof definition !== 'boolean' && !isObject(definition)) {
      throw new ValidationError(`the ${name} definition must be a JSON Schema object or boolean, got ${JSON.stringify(definition)?.slice(0, 40)}`, {
        errors: [{ path: '', message: `the ${name} definition must be an object or a boolean`, keyword: 'type' }],
      });
    }
    const depth = jsonDepth(definition);
    if (depth > MAX_DEPTH) {
      throw new ValidationError(`the ${name} definition nests ${depth} levels deep; compare supports at most ${MAX_DEPTH}, flatten it with $defs and $ref`, {
        errors: [{ path: '', message: `nests ${depth} levels deep, more than ${MAX_DEPTH}`, keyword: 'maxDepth' }],
      });
    }
  }
  const mode = options.openContentModel;
  if (mode !== undefined && mode !== 'lenient' && mode !== 'strict') {
    throw new BadRequestError(`openContentModel must be "lenient" or "strict", got ${JSON.stringify(mode)}`);
  }
  const changes = new Comparator(new SchemaDocument(previous, 'previous'), new SchemaDocument(next, 'next'), options).compare();
  const flags = andFlags(changes);
  return { ...report(changes), backward_compatible: flags.backward, forward_compatible: flags.forward };
}
