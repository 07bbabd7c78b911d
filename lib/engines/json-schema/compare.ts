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
import type { CompareOptions, CompareResult, Json } from '../types.js';
import { Comparator } from './compare/comparator.js';
import { SchemaDocument } from './compare/document.js';
import { isObject } from '../../util/json.js';
import { jsonDepth } from './compare/json.js';
import { andFlags } from './compare/walk.js';

/** JSON nesting the comparison walks recursively; far beyond hand-written schemas, well within the stack. */
const MAX_DEPTH = 1000;

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
  return { changes, backward_compatible: flags.backward, forward_compatible: flags.forward };
}
