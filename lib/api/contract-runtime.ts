/**
 * What the generated contract validators (lib/generated/contracts/) need from ajv at run time: the
 * helpers its standalone code calls, and the formats the contracts use. Nothing of ajv's compiler.
 */
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import equalModule from 'ajv/dist/runtime/equal.js';

export { fullFormats } from 'ajv-formats/dist/formats.js';

/**
 * A CommonJS module's `exports.default`: Node's default import of one is its `module.exports`, while
 * vitest's interop gives the `default` export itself.
 */
function defaultOf<F>(imported: F): F {
  return typeof imported === 'function' ? imported : (imported as { default: F }).default;
}

export const ucs2length = defaultOf(ucs2lengthModule);
export const equal = defaultOf(equalModule);
