/**
 * The JSON Schema drafts the engine accepts, each with its one ajv instance, created once per process.
 * Every instance is configured for untrusted schemas; see `AJV_OPTIONS`.
 */
import Ajv, { type Options } from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ValidationError } from '../../errors.js';
import type { Json } from '../types.js';
import { re2RegExp } from './re2.js';
import { isObject } from '../../util/json.js';

/** The one extension keyword: SQL column hints that table-based schema requests read. No validation effect. */
export const SQL_HINTS_KEYWORD = 'x-sql';

const AJV_OPTIONS: Options = {
  // Every payload error is reported, not just the first.
  allErrors: true,
  // A definition's `$id` must never become resolvable by another definition (another workspace may
  // publish the same `$id`); compile.ts also drops what ajv records about embedded `$id`s.
  addUsedSchema: false,
  // Unknown keywords, unknown formats and ignored keywords are errors: they silently weaken validation.
  // The type, tuple and required lints stay off: they refuse ordinary schemas (`anyOf: [{maxLength}]`
  // under `type: string`, tuples without `minItems`) without changing any validation result.
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  // compile.ts validates against the meta-schema itself, once, to report each problem with its path.
  validateSchema: false,
  // Payloads are stored as sent: validation never changes them.
  useDefaults: false,
  coerceTypes: false,
  removeAdditional: false,
  // `required` and its kin look at the document's own properties: otherwise {} has "toString" and
  // "constructor" through its prototype, and a document missing them passes.
  ownProperties: true,
  // `$data` would let a payload choose the constraints it is checked against.
  $data: false,
  // Patterns run on RE2: linear time, no catastrophic backtracking.
  code: { regExp: re2RegExp },
  // Messages about attacker-controlled schemas do not belong in the service log; failures are thrown.
  logger: false,
  // No `loadSchema`: nothing is ever fetched.
};

export interface Draft {
  /** Short name used in messages, e.g. `2020-12`. */
  name: string;
  /** The `$schema` URI that selects the draft (without the optional trailing `#`). */
  uri: string;
  ajv: Ajv;
}

function configure(ajv: Ajv, { hasAnchors }: { hasAnchors: boolean }): Ajv {
  addFormats(ajv);
  ajv.addKeyword({ keyword: SQL_HINTS_KEYWORD, schemaType: 'object' });
  // ajv resolves `$anchor` (2019-09 and later) but does not declare it, so strict mode would refuse it.
  if (hasAnchors) ajv.addKeyword({ keyword: '$anchor', schemaType: 'string' });
  return ajv;
}

const DRAFT_2020: Draft = {
  name: '2020-12',
  uri: 'https://json-schema.org/draft/2020-12/schema',
  ajv: configure(new Ajv2020(AJV_OPTIONS), { hasAnchors: true }),
};
const DRAFTS: Draft[] = [
  DRAFT_2020,
  { name: '2019-09', uri: 'https://json-schema.org/draft/2019-09/schema', ajv: configure(new Ajv2019(AJV_OPTIONS), { hasAnchors: true }) },
  { name: 'draft-07', uri: 'http://json-schema.org/draft-07/schema', ajv: configure(new Ajv(AJV_OPTIONS), { hasAnchors: false }) },
];

/** ajv's URI resolver: resolving `$id`s and `$ref`s with it keeps our view of a definition equal to ajv's. */
export const uriResolver = DRAFT_2020.ajv.opts.uriResolver;

/**
 * The draft a definition is written in: the one its `$schema` names, 2020-12 without `$schema`.
 * Throws ValidationError for any other `$schema`.
 */
export function draftOf(definition: Json): Draft {
  if (!isObject<Json>(definition) || definition.$schema === undefined) return DRAFT_2020;
  const declared = definition.$schema;
  const draft = typeof declared === 'string' ? DRAFTS.find((d) => d.uri === declared.replace(/#$/, '')) : undefined;
  if (draft) return draft;
  const supported = DRAFTS.map((d) => `"${d.uri}" (${d.name})`).join(', ');
  throw new ValidationError(`$schema ${JSON.stringify(declared)} is not supported; use one of ${supported}, or omit $schema for 2020-12`, {
    errors: [{ path: '/$schema', keyword: '$schema', message: `unsupported $schema ${JSON.stringify(declared)}; supported: ${supported}` }],
  });
}
