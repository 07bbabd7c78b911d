/**
 * The JSON Schema drafts the engine accepts, each with its ajv instances (one per InstanceOptions),
 * created once per process on first use. Every instance is configured for untrusted schemas; see `AJV_OPTIONS`.
 */
import Ajv, { type Options } from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ValidationError } from '../../errors.js';
import type { Json } from '../types.js';
import { schemaRegExp } from './re2.js';
import { meteredRegExp, meterValidation } from './validation-budget.js';
import { isObject } from '../../util/json.js';
import { DEFAULT_DRAFT, DEFAULT_DRAFTS, REGISTRY_INDEX_KEYWORD, SQL_HINTS_KEYWORD } from './names.js';

const REGISTRY_INDEX_SHAPE = { type: 'array', items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,62}$' }, uniqueItems: true, minItems: 1, maxItems: 8 };

const AJV_OPTIONS: Options = {
  // A definition's `$id` must never become resolvable by another definition (another workspace may
  // publish the same `$id`); compile.ts also drops what ajv records about embedded `$id`s.
  addUsedSchema: false,
  // The standard accepts unknown keywords and keywords without effect: they are reported as warnings
  // (compile.ts collects what strict mode logs) instead of refusing the definition. The type, tuple and
  // required lints stay off: they flag ordinary schemas (`anyOf: [{maxLength}]` under `type: string`,
  // tuples without `minItems`) without any validation result depending on them.
  strictSchema: 'log',
  strictNumbers: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  // compile.ts validates against the meta-schema itself, once, to report each problem with its path.
  validateSchema: false,
  // Payloads are stored as sent: validation never changes them.
  useDefaults: false,
  coerceTypes: false,
  removeAdditional: false,
  // `$data` would let a payload choose the constraints it is checked against.
  $data: false,
  // Messages about attacker-controlled schemas do not belong in the service log: strict-mode notes go
  // to the collector of the compile in progress (see collectStrictNotes), failures are thrown.
  logger: { log: () => undefined, warn: (...args: unknown[]) => notes?.push(args.map(String).join(' ')), error: () => undefined },
  // No `loadSchema`: nothing is ever fetched.
};

/** Strict-mode notes of the compile in progress (compilation is synchronous: one at a time). */
let notes: string[] | undefined;

/** Runs `compile`, returning what ajv's strict mode noted about the schema meanwhile. */
export function collectStrictNotes<T>(compile: () => T): { result: T; notes: string[] } {
  const outer = notes;
  const mine: string[] = [];
  notes = mine;
  try {
    return { result: compile(), notes: mine };
  } finally {
    notes = outer;
  }
}

/** What distinguishes a draft's ajv instances. */
/** Every instance reports every error: the meta-schema checks, and the validators that explain a refused document. */
export interface InstanceOptions {
  /**
   * `required`, `properties` and their kin look at the document's own properties only. Needed only for
   * definitions naming a property that JSON objects inherit (`constructor`, `toString`...: otherwise {}
   * has them through its prototype and a document missing them passes); it costs a `hasOwnProperty` call
   * per property checked, more than half of a plain validation. compile.ts decides per definition.
   */
  ownProperties: boolean;
  /** Pattern matches count against the work budget: for definitions that need one (see needsBudget). */
  metered: boolean;
}

/** Patterns run in linear time: natively when proven linear, else on RE2 (no catastrophic backtracking). */
const METERED_REG_EXP = meteredRegExp(schemaRegExp);

export interface Draft {
  /** Short name used in messages, e.g. `2020-12`. */
  name: string;
  /** The `$schema` URI that selects the draft (without the optional trailing `#`). */
  uri: string;
  /** Every error, own properties: the meta-schema checks. */
  readonly ajv: Ajv;
  /** The instance with `options`, created on first use (an instance costs a cold start ~10 ms). */
  instance(options: InstanceOptions): Ajv;
}

function configure(ajv: Ajv, { hasAnchors }: { hasAnchors: boolean }): Ajv {
  addFormats(ajv);
  meterValidation(ajv);
  ajv.addKeyword({ keyword: SQL_HINTS_KEYWORD, schemaType: 'object' });
  ajv.addKeyword({ keyword: REGISTRY_INDEX_KEYWORD, metaSchema: REGISTRY_INDEX_SHAPE });
  // ajv resolves `$anchor` (2019-09 and later) but does not declare it, so strict mode would refuse it.
  if (hasAnchors) ajv.addKeyword({ keyword: '$anchor', schemaType: 'string' });
  return ajv;
}

function draft(name: string, uri: string, AjvClass: typeof Ajv, hasAnchors: boolean): Draft {
  const instances = new Map<string, Ajv>();
  const instance = (options: InstanceOptions): Ajv => {
    const key = `${options.ownProperties} ${options.metered}`;
    let ajv = instances.get(key);
    if (ajv === undefined) {
      const regExp = options.metered ? METERED_REG_EXP : schemaRegExp;
      ajv = configure(new AjvClass({ ...AJV_OPTIONS, ownProperties: options.ownProperties, code: { regExp }, allErrors: true }), { hasAnchors });
      instances.set(key, ajv);
    }
    return ajv;
  };
  return {
    name,
    uri,
    get ajv() {
      return instance({ ownProperties: true, metered: true });
    },
    instance,
  };
}

const DRAFT_2020 = draft('2020-12', 'https://json-schema.org/draft/2020-12/schema', Ajv2020, true);
const DRAFTS: Draft[] = [DRAFT_2020, draft('2019-09', 'https://json-schema.org/draft/2019-09/schema', Ajv2019, true), draft('draft-07', 'http://json-schema.org/draft-07/schema', Ajv, false)];

/** ajv's URI resolver: resolving `$id`s and `$ref`s with it keeps our view of a definition equal to ajv's. */
export const uriResolver = { resolve: (base: string, ref: string): string => DRAFT_2020.ajv.opts.uriResolver.resolve(base, ref) };

function defaultDraft(name: string | undefined): Draft {
  const draft = DRAFTS.find((d) => d.name === (name ?? DEFAULT_DRAFT));
  if (draft === undefined || !(DEFAULT_DRAFTS as readonly string[]).includes(draft.name)) {
    throw new ValidationError(`default draft ${JSON.stringify(name)} is not supported; use one of ${DEFAULT_DRAFTS.map((d) => `"${d}"`).join(', ')}`, {
      errors: [{ path: '', keyword: '$schema', message: `unsupported default draft ${JSON.stringify(name)}` }],
    });
  }
  return draft;
}

/**
 * The definition as the engine reads it: with the `$schema` of the default draft when it declares none
 * and that draft is not 2020-12 (the comparator and ajv both read the dialect from `$schema`).
 */
export function inDraft(definition: Json, fallback: string | undefined): Json {
  if (!isObject<Json>(definition) || definition.$schema !== undefined) return definition;
  const draft = defaultDraft(fallback);
  return draft === DRAFT_2020 ? definition : { $schema: `${draft.uri}#`, ...definition };
}

/**
 * The draft a definition is written in: the one its `$schema` names, else `fallback` (a setting), else
 * DEFAULT_DRAFT. Throws ValidationError for any other `$schema`.
 */
export function draftOf(definition: Json, fallback?: string): Draft {
  if (!isObject<Json>(definition) || definition.$schema === undefined) return defaultDraft(fallback);
  const declared = definition.$schema;
  const draft = typeof declared === 'string' ? DRAFTS.find((d) => d.uri === declared.replace(/#$/, '')) : undefined;
  if (draft) return draft;
  const supported = DRAFTS.map((d) => `"${d.uri}" (${d.name})`).join(', ');
  throw new ValidationError(`$schema ${JSON.stringify(declared)} is not supported; use one of ${supported}, or omit $schema for the default draft`, {
    errors: [{ path: '/$schema', keyword: '$schema', message: `unsupported $schema ${JSON.stringify(declared)}; supported: ${supported}` }],
  });
}
