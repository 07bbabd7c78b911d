/**
 * The safety rules for untrusted definitions, checked before ajv sees them: size, depth, `$schema`
 * placement, `$data`, RE2-compatible patterns, references that stay inside the definition, and
 * `$ref`/combinator graphs that terminate and stay cheap to validate.
 */
import { PayloadTooLargeError, ValidationError, type ErrorDetail } from '../../errors.js';
import { REGISTRY_URI_PREFIX, type Json } from '../types.js';
import { uriResolver } from './drafts.js';
import { re2Problem } from './re2.js';
import { DEFAULT_BASE_URI, indexDefinition, type SchemaIndex } from './refs.js';
import { subschemas, SUBSCHEMA_MAPS, walkSchemas, type JsonObject } from './walk.js';
import { isObject } from '../../util/json.js';
import { escapePointerToken } from '../../util/json-pointer.js';

/** Largest accepted definition, as UTF-8 JSON text. */
export const MAX_DEFINITION_BYTES = 170 * 1024;
/** Deepest accepted nesting of objects and arrays in a definition (the root object is level 1). */
export const MAX_DEFINITION_DEPTH = 32;
/**
 * Most schemas that `$ref`s and combinators (allOf, anyOf, ...) may apply to one value. Shared `$ref`s
 * can make a small definition apply exponentially many (`d1: allOf [d0, d0]`, `d2: allOf [d1, d1]`, ...).
 */
export const MAX_SCHEMAS_PER_VALUE = 1000;

/**
 * Most regular expressions (`pattern` and `patternProperties` keys together) in one definition: each is
 * compiled to RE2 at publish and may run against every string or property name of a document.
 */
export const MAX_PATTERNS = 100;
/** Most branches of one `anyOf`, `oneOf` or `allOf`: every value they apply to is checked against each. */
export const MAX_BRANCHES = 100;

/** Throws ValidationError listing `errors`, with the first one in the message. */
export function refuse(errors: ErrorDetail[]): never {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  throw new ValidationError(`definition is invalid: ${errors[0]?.message ?? 'unknown problem'}${more}`, { errors });
}

/** Where the definition first nests deeper than MAX_DEFINITION_DEPTH; the walk never goes further. */
function depthProblem(value: Json, pointer: string, depth: number): ErrorDetail | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_DEFINITION_DEPTH) {
    return {
      path: pointer,
      keyword: 'maxDepth',
      message: `definition nests objects and arrays deeper than ${MAX_DEFINITION_DEPTH} levels; move deep parts under $defs and use $ref`,
    };
  }
  const entries: [string, Json][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [key, child] of entries) {
    const problem = depthProblem(child, `${pointer}/${escapePointerToken(key)}`, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * `__proto__` keys, which ajv ignores (it skips `properties.__proto__`): a validator compiled from such
 * a definition checks less than it says. Call after assertSafeDefinition, which bounds the recursion.
 */
export function protoKeyProblems(value: Json, pointer = '', problems: ErrorDetail[] = []): ErrorDetail[] {
  if (typeof value !== 'object' || value === null) return problems;
  for (const [key, child] of Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)) {
    const path = `${pointer}/${escapePointerToken(key)}`;
    if (key === '__proto__') {
      problems.push({ path, keyword: '__proto__', message: 'a key named "__proto__" is not supported: the validator would ignore it; rename the property' });
    }
    protoKeyProblems(child, path, problems);
  }
  return problems;
}

/** Refuses a definition nested deeper than MAX_DEFINITION_DEPTH: first, since every other walk recurses. */
export function assertShallow(definition: Json): void {
  const tooDeep = depthProblem(definition, '', 1);
  if (tooDeep) refuse([tooDeep]);
}

function assertSize(definition: Json): void {
  const bytes = Buffer.byteLength(JSON.stringify(definition), 'utf8');
  if (bytes > MAX_DEFINITION_BYTES) {
    throw new PayloadTooLargeError(
      `definition is ${bytes} bytes of JSON; the limit is ${MAX_DEFINITION_BYTES} bytes (170 KB): split it into smaller schemas`,
      { errors: [{ path: '', keyword: 'maxBytes', message: `definition is ${bytes} bytes; the limit is ${MAX_DEFINITION_BYTES} bytes` }] },
    );
  }
}

const RESERVED_ID = /^https?:\/\/json-schema\.org(\/|$)/i;

/** Problems visible on one schema object: misplaced `$schema`, `$data`, reserved `$id`, RE2 patterns. */
function keywordProblems(definition: Json, draftUri: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  let patterns = 0;
  walkSchemas(definition, undefined, (schema, pointer) => {
    for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
      const branches = schema[keyword];
      if (Array.isArray(branches) && branches.length > MAX_BRANCHES) {
        problems.push({ path: `${pointer}/${keyword}`, keyword: 'maxBranches', message: `${keyword} has ${branches.length} branches; the limit is ${MAX_BRANCHES}: use enum for alternative values, or split the schema` });
      }
    }
    patterns += (typeof schema.pattern === 'string' ? 1 : 0) + (isObject<Json>(schema.patternProperties) ? Object.keys(schema.patternProperties).length : 0);
    if (patterns > MAX_PATTERNS) {
      problems.push({ path: pointer, keyword: 'maxPatterns', message: `the definition has more than ${MAX_PATTERNS} patterns (pattern and patternProperties together), the limit; combine them with alternation` });
      patterns = Number.NEGATIVE_INFINITY;
    }
    // An embedded resource may restate the definition's draft; another draft would be validated as this one.
    if (pointer !== '' && schema.$schema !== undefined && (typeof schema.$schema !== 'string' || schema.$schema.replace(/#$/, '') !== draftUri)) {
      problems.push({
        path: `${pointer}/$schema`,
        keyword: '$schema',
        message: `a nested $schema must name the definition's own draft (${draftUri}): mixing drafts in one definition is not supported; remove it or publish that part as its own schema`,
      });
    }
    if (typeof schema.$id === 'string' && RESERVED_ID.test(uriResolver.resolve(DEFAULT_BASE_URI, schema.$id))) {
      problems.push({
        path: `${pointer}/$id`,
        keyword: '$id',
        message: `$id ${JSON.stringify(schema.$id)} is reserved for the JSON Schema meta-schemas; use a URI of your own`,
      });
    }
    for (const [keyword, value] of Object.entries(schema)) {
      const isDataRef = keyword === '$data' || (!SUBSCHEMA_MAPS.has(keyword) && isObject<Json>(value) && Object.hasOwn(value, '$data'));
      if (isDataRef) {
        problems.push({
          path: `${pointer}/${escapePointerToken(keyword)}`,
          keyword: '$data',
          message: '$data references are not supported: a payload must not choose the constraints it is checked against; use a literal value',
        });
      }
    }
    if (typeof schema.pattern === 'string') {
      const problem = patternProblem(schema.pattern, `${pointer}/pattern`, 'pattern');
      if (problem) problems.push(problem);
    }
    if (isObject<Json>(schema.patternProperties)) {
      for (const key of Object.keys(schema.patternProperties)) {
        const problem = patternProblem(key, `${pointer}/patternProperties/${escapePointerToken(key)}`, 'patternProperties');
        if (problem) problems.push(problem);
      }
    }
    return undefined;
  });
  return problems;
}

function patternProblem(pattern: string, path: string, keyword: string): ErrorDetail | undefined {
  const reason = re2Problem(pattern);
  if (reason === undefined) return undefined;
  return {
    path,
    keyword,
    message:
      `pattern ${JSON.stringify(pattern)} is not supported (${reason}): patterns run on RE2, in linear time so that ` +
      'no payload can stall validation, and this one has no exact RE2 translation (backreferences and lookaround have none); rewrite it',
  };
}

/** References that leave the definition or lead nowhere inside it. */
function referenceProblems(index: SchemaIndex): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const use of index.refs) {
    const resolution = index.resolve(use.ref, use.base);
    if (resolution.kind === 'remote' && use.ref.startsWith(REGISTRY_URI_PREFIX)) {
      problems.push({
        path: use.pointer,
        keyword: use.keyword,
        message: `${use.keyword} ${JSON.stringify(use.ref)} was not resolved: a registry reference must be a $ref to a registered version of this workspace, registry://{workspace}/{name}/{version}, published with POST /api/v1/schemas`,
      });
    } else if (resolution.kind === 'remote') {
      problems.push({
        path: use.pointer,
        keyword: use.keyword,
        message: `remote ${use.keyword} ${JSON.stringify(use.ref)} is not allowed; inline the referenced schema under $defs and refer to it as "#/$defs/<name>", or reference a registered version as registry://{workspace}/{name}/{version}`,
      });
    } else if (resolution.kind === 'missing') {
      problems.push({
        path: use.pointer,
        keyword: use.keyword,
        message: `${use.keyword} ${JSON.stringify(use.ref)} does not resolve to a schema inside the definition; check the pointer or $anchor name`,
      });
    }
  }
  return problems;
}

class GraphProblem extends Error {
  constructor(readonly detail: ErrorDetail) {
    super(detail.message);
  }
}

/**
 * Follows the edges that apply a schema to the same value (combinators and references). A cycle
 * would never finish validating (ajv overflows its stack compiling it); too many schemas reachable
 * from one would make each value expensive to validate.
 */
function graphProblems(index: SchemaIndex): ErrorDetail[] {
  const refsByHolder = new Map<JsonObject, SchemaIndex['refs']>();
  for (const use of index.refs) refsByHolder.set(use.holder, [...(refsByHolder.get(use.holder) ?? []), use]);

  const edgesOf = (schema: JsonObject): { target: JsonObject; via: string }[] => {
    const pointer = index.pointers.get(schema) ?? '';
    const edges = subschemas(schema, pointer).flatMap((sub) => (sub.inPlace && isObject<Json>(sub.schema) ? [{ target: sub.schema, via: sub.pointer }] : []));
    for (const use of refsByHolder.get(schema) ?? []) {
      const resolution = index.resolve(use.ref, use.base);
      if (resolution.kind === 'found' && isObject<Json>(resolution.target)) edges.push({ target: resolution.target, via: use.pointer });
      // A dynamic reference is judged by every target it can have, or a loop through an outer scope passes.
      for (const target of index.dynamicTargets(use)) edges.push({ target, via: use.pointer });
    }
    return edges;
  };

  const cost = new Map<JsonObject, number>();
  const onPath = new Set<JsonObject>();
  const tooMany = (via: string) =>
    new GraphProblem({
      path: via,
      keyword: '$ref',
      message: `$ref and combinators here apply more than ${MAX_SCHEMAS_PER_VALUE} schemas to one value, which makes validation too expensive; reuse fewer shared $defs`,
    });
  const visit = (schema: JsonObject, via: string): number => {
    const known = cost.get(schema);
    if (known !== undefined) return known;
    if (onPath.has(schema)) {
      const target = index.pointers.get(schema) || 'the root';
      throw new GraphProblem({
        path: via,
        keyword: '$ref',
        message: `$ref cycle: this leads back to ${target} without descending into a property or item, so validation would never end; break the cycle`,
      });
    }
    if (onPath.size >= MAX_SCHEMAS_PER_VALUE) throw tooMany(via);
    onPath.add(schema);
    let total = 1;
    for (const edge of edgesOf(schema)) {
      total += visit(edge.target, edge.via);
      if (total > MAX_SCHEMAS_PER_VALUE) throw tooMany(edge.via);
    }
    onPath.delete(schema);
    cost.set(schema, total);
    return total;
  };

  try {
    for (const [schema, pointer] of index.pointers) visit(schema, pointer);
    return [];
  } catch (error) {
    if (error instanceof GraphProblem) return [error.detail];
    throw error;
  }
}

/**
 * Checks every safety rule that does not need ajv. Throws PayloadTooLargeError (size) or
 * ValidationError listing each problem; returns the definition's reference index for reuse.
 */
export function assertSafeDefinition(definition: Json, draftUri: string): SchemaIndex {
  assertShallow(definition);
  assertSize(definition);
  const index = indexDefinition(definition);
  const problems = [...keywordProblems(definition, draftUri), ...referenceProblems(index)];
  // The graph is only meaningful once every reference resolves.
  if (problems.length === 0) problems.push(...graphProblems(index));
  if (problems.length > 0) refuse(problems);
  return index;
}
