/**
 * Consistency rules schema.yaml's JSON Schema cannot express. Each problem names the YAML path, so a
 * person can find it; codegen refuses to write anything while one stands.
 */
import { DEFAULT_GENERATORS, indexDef, type AccessPattern, type RecordType, type TableDesign } from './model.js';
import { maxKeyBytes, type KeyPattern, type Segment } from './pattern.js';

export interface LintProblem {
  path: string;
  message: string;
}

/** DynamoDB's limits on key attribute values, in bytes. */
export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;

export function lintDesign(design: TableDesign): LintProblem[] {
  const problems: LintProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  const literals = new Set(Object.values(design.prefixes));
  const keyAttributes = new Set([design.primary.partitionKey, design.primary.sortKey]);
  for (const ix of Object.values(design.indexes)) {
    keyAttributes.add(ix.partitionKey);
    keyAttributes.add(ix.sortKey);
  }
  const reserved = new Set([...keyAttributes, design.entityIdentifiers.entity, design.entityIdentifiers.version]);

  for (const rt of Object.values(design.recordTypes)) {
    const base = `record_types.${rt.name}`;
    for (const [index, keys] of Object.entries(rt.keys)) {
      if (!indexDef(design, index)) {
        report(`${base}.keys.${index}`, `index "${index}" is not declared under keys.indexes (declared: primary, ${Object.keys(design.indexes).join(', ')})`);
      }
      for (const [which, pattern, limit] of [
        ['pk', keys.pk, MAX_PARTITION_KEY_BYTES],
        ['sk', keys.sk, MAX_SORT_KEY_BYTES],
      ] as const) {
        const path = `${base}.keys.${index}.${which}`;
        for (const s of pattern.segments) {
          if ('literal' in s && !literals.has(s.literal)) {
            report(path, `literal segment "${s.literal}" is not one of the declared prefixes; add it under prefixes`);
          }
          if ('attribute' in s) {
            const attr = rt.attributes[s.attribute]!;
            if (attr.type === 'integer' && attr.padWidth === undefined) {
              report(path, `integer placeholder "{${s.attribute}}" needs pad_width on attributes.${s.attribute} so keys sort as numbers`);
            }
            if (attr.type === 'string' && attr.maxLength === undefined) {
              report(path, `placeholder "{${s.attribute}}" needs max_length on attributes.${s.attribute} to bound the key size`);
            }
            if (!attr.required) report(path, `placeholder "{${s.attribute}}" names an optional attribute; key attributes must be required`);
          }
        }
        const bytes = maxKeyBytes(pattern);
        if (bytes !== undefined && bytes >= limit) {
          report(path, `the longest key this pattern can produce is ${bytes} bytes; DynamoDB allows ${limit - 1} for a ${which === 'pk' ? 'partition' : 'sort'} key`);
        }
      }
    }
    const primary = rt.keys.primary;
    if (rt.workspaceScoped && primary && !primary.pk.source.startsWith('WS#{workspace_id}')) {
      report(`${base}.keys.primary.pk`, `workspace-scoped record types must have a partition key beginning with "WS#{workspace_id}" (got "${primary.pk.source}")`);
    }
    for (const attr of Object.values(rt.attributes)) {
      const path = `${base}.attributes.${attr.name}`;
      if (reserved.has(attr.name)) report(path, `"${attr.name}" is a key or entity identifier attribute and cannot be a record attribute`);
      if (attr.default !== undefined && attr.enum && !attr.enum.includes(attr.default as string)) {
        report(path, `default ${JSON.stringify(attr.default)} is not one of its enum values`);
      }
      if (attr.padWidth !== undefined && attr.type !== 'integer') report(path, 'pad_width applies to integer attributes only');
      if (typeof attr.default === 'string' && (DEFAULT_GENERATORS as readonly string[]).includes(attr.default)) {
        const want = attr.default === 'now_epoch_seconds' ? 'integer' : 'string';
        if (attr.type !== want) report(path, `default generator "${attr.default}" produces a ${want}, but the attribute is ${attr.type}`);
      }
    }
    for (const fam of rt.families) {
      const clash = Object.keys(rt.attributes).find((a) => new RegExp(`^${fam.template.replace(/\{[a-z0-9_]+\}/, fam.placeholderPattern.replace(/^\^|\$$/g, ''))}$`).test(a));
      if (clash) report(`${base}.attribute_families.${fam.template}`, `attribute "${clash}" would be read as a member of this family; rename one`);
    }
    rt.examples.forEach((ex, i) => {
      const path = `${base}.examples[${i}]`;
      for (const name of Object.keys(ex.attributes)) {
        if (!rt.attributes[name]) report(`${path}.attributes.${name}`, `"${name}" is not an attribute of ${rt.name}`);
      }
      for (const attr of Object.values(rt.attributes)) {
        if (attr.required && attr.default === undefined && ex.attributes[attr.name] === undefined) {
          report(`${path}.attributes`, `required attribute "${attr.name}" is missing`);
        }
      }
      const expected = new Set(Object.entries(rt.keys).flatMap(([ix]) => {
        const d = indexDef(design, ix);
        return d ? [d.partitionKey, d.sortKey] : [];
      }));
      for (const k of expected) if (!(k in ex.keys)) report(`${path}.keys`, `expected key "${k}" is missing`);
      for (const k of Object.keys(ex.keys)) if (!expected.has(k)) report(`${path}.keys.${k}`, `${rt.name} has no key attribute "${k}"`);
    });
  }

  const used = new Set<string>();
  const seen = new Map<string, string>();
  for (const ap of Object.values(design.accessPatterns)) {
    const path = `access_patterns.${ap.name}`;
    const rt = design.recordTypes[ap.recordType];
    if (!rt) {
      report(`${path}.record_type`, `no record type "${ap.recordType}"`);
      continue;
    }
    if (!indexDef(design, ap.index)) {
      report(`${path}.index`, `index "${ap.index}" does not exist (declared: primary, ${Object.keys(design.indexes).join(', ')})`);
      continue;
    }
    if (!rt.keys[ap.index]) report(`${path}.index`, `record type "${rt.name}" has no keys on index "${ap.index}"`);
    used.add(ap.index);
    const pair = `${ap.recordType}/${ap.index}`;
    const other = seen.get(pair);
    if (ap.filterBy === undefined) {
      if (other) report(path, `access pattern "${other}" already serves ${ap.recordType} on ${ap.index}; merge them (one ElectroDB index per record type and index)`);
      seen.set(pair, ap.name);
    }
    problems.push(...lintShardingAndFilter(design, rt, ap));
  }
  for (const [name, ix] of Object.entries(design.indexes)) {
    if (!used.has(name)) report(`keys.indexes.${name}`, `GSI "${name}" is not used by any access pattern; remove it or add the access pattern it serves`);
    if ((ix.projection === 'INCLUDE') !== (ix.nonKeyAttributes !== undefined)) {
      report(`keys.indexes.${name}`, 'non_key_attributes goes with projection: INCLUDE, and INCLUDE needs non_key_attributes');
    }
    const missing = [design.entityIdentifiers.entity, design.entityIdentifiers.version].filter((a) => ix.nonKeyAttributes && !ix.nonKeyAttributes.includes(a));
    if (missing.length) report(`keys.indexes.${name}.non_key_attributes`, `must include the entity identifiers ${missing.join(', ')}, or the TypeScript side cannot read the index's items`);
  }
  if (design.table.ttlAttribute) {
    const ttl = design.table.ttlAttribute;
    for (const rt of Object.values(design.recordTypes)) {
      const a = rt.attributes[ttl];
      if (a && a.type !== 'integer') report(`record_types.${rt.name}.attributes.${ttl}`, `the TTL attribute must be an integer (Unix seconds)`);
    }
  }
  problems.push(...collisions(design));
  return problems;
}

/** The shard placeholders of a record type: those some access pattern of it is sharded by. */
function shardAttributes(design: TableDesign, rt: RecordType): Set<string> {
  return new Set(Object.values(design.accessPatterns).flatMap((a) => (a.recordType === rt.name && a.shardedBy ? [a.shardedBy] : [])));
}

/**
 * A sharded listing is only whole when its reader queries every shard and merges them in order, and a
 * filtered one only works when the index holds the attribute filtered on: both are checked here.
 */
function lintShardingAndFilter(design: TableDesign, rt: RecordType, ap: AccessPattern): LintProblem[] {
  const problems: LintProblem[] = [];
  const path = `access_patterns.${ap.name}`;
  const keys = rt.keys[ap.index];
  const ix = indexDef(design, ap.index)!;
  if (!keys) return problems;
  const shardsHere = [...shardAttributes(design, rt)].filter((a) => keys.pk.attributes.includes(a));
  if (ap.shardedBy !== undefined) {
    const attr = rt.attributes[ap.shardedBy];
    if (!keys.pk.attributes.includes(ap.shardedBy)) problems.push({ path: `${path}.sharded_by`, message: `"${ap.shardedBy}" is not a placeholder of ${rt.name}'s ${ap.index} partition key (${keys.pk.source})` });
    else if (attr?.type !== 'integer' || attr.minimum !== 0) problems.push({ path: `${path}.sharded_by`, message: `shard attribute "${ap.shardedBy}" must be an integer with minimum: 0 (shards are numbered 0..N-1)` });
    const last = keys.sk.segments.at(-1);
    const lastAttr = last && 'attribute' in last ? rt.attributes[last.attribute] : undefined;
    if (ap.sortKey !== 'begins_with' || !lastAttr?.pattern?.includes('0-9A-HJKMNP-TV-Z')) {
      problems.push({ path, message: `a sharded listing is merged back into order by its sort key, so it needs sort_key: begins_with and a sort key ending with a ULID placeholder (got ${keys.sk.source})` });
    }
  } else if (shardsHere.length) {
    problems.push({ path, message: `${rt.name}'s ${ap.index} partition key holds shard placeholder "{${shardsHere[0]}}": declare sharded_by: ${shardsHere[0]}, or readers query one shard and miss the others' items` });
  }
  if (ap.filterBy !== undefined) {
    const projected = ix.projection === 'ALL' || [ix.partitionKey, ix.sortKey, ...(ix.nonKeyAttributes ?? [])].includes(ap.filterBy);
    if (!rt.attributes[ap.filterBy]) problems.push({ path: `${path}.filter_by`, message: `"${ap.filterBy}" is not an attribute of ${rt.name}` });
    else if (!projected) problems.push({ path: `${path}.filter_by`, message: `index ${ap.index} does not project "${ap.filterBy}"; add it to its non_key_attributes` });
  }
  return problems;
}

/** Can a placeholder value equal this literal? Only if the attribute's own rules allow it. */
function placeholderAccepts(rt: RecordType, attribute: string, literal: string): boolean {
  const attr = rt.attributes[attribute]!;
  if (attr.type === 'integer') return /^[0-9]+$/.test(literal) && (attr.padWidth === undefined || literal.length === attr.padWidth);
  if (attr.maxLength !== undefined && literal.length > attr.maxLength) return false;
  return attr.pattern === undefined || new RegExp(attr.pattern).test(literal);
}

function segmentsOverlap(a: RecordType, sa: Segment, b: RecordType, sb: Segment): boolean {
  if ('literal' in sa && 'literal' in sb) return sa.literal === sb.literal;
  if ('literal' in sa) return placeholderAccepts(b, (sb as { attribute: string }).attribute, sa.literal);
  if ('literal' in sb) return placeholderAccepts(a, sa.attribute, sb.literal);
  return true;
}

function patternsOverlap(a: RecordType, pa: KeyPattern, b: RecordType, pb: KeyPattern): boolean {
  return pa.segments.length === pb.segments.length && pa.segments.every((s, i) => segmentsOverlap(a, s, b, pb.segments[i]!));
}

/** No two record types may be able to produce the same primary key (PK and SK together). */
function collisions(design: TableDesign): LintProblem[] {
  const problems: LintProblem[] = [];
  const types = Object.values(design.recordTypes);
  for (let i = 0; i < types.length; i++) {
    for (let j = i + 1; j < types.length; j++) {
      const a = types[i]!;
      const b = types[j]!;
      const ka = a.keys.primary;
      const kb = b.keys.primary;
      if (ka && kb && patternsOverlap(a, ka.pk, b, kb.pk) && patternsOverlap(a, ka.sk, b, kb.sk)) {
        problems.push({
          path: `record_types.${b.name}.keys.primary`,
          message: `${a.name} (${ka.pk.source} / ${ka.sk.source}) and ${b.name} (${kb.pk.source} / ${kb.sk.source}) can produce the same PK and SK; give one a distinct literal segment`,
        });
      }
    }
  }
  return problems;
}
