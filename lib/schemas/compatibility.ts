/**
 * Compatibility modes, as Confluent and Apicurio define them. BACKWARD: every document valid under the
 * previous version is valid under the new one (readers of the new version can read old data). FORWARD:
 * every document valid under the new version is valid under the previous one. FULL: both. _TRANSITIVE:
 * against every earlier version, not only the latest. The check is the engine's `compare`, the same code
 * that explains diffs.
 */
import type { Change, CompareOptions, Json, ReferencedDefinition, SchemaEngine } from '../engines/types.js';
import { ATTRIBUTE_ENUMS } from '../generated/table.js';

export const COMPATIBILITY_MODES = ATTRIBUTE_ENUMS.schema.compatibility;
export type Compatibility = (typeof COMPATIBILITY_MODES)[number];
export const DEFAULT_COMPATIBILITY: Compatibility = 'BACKWARD';

export interface VersionDefinition {
  version: number;
  definition: Json;
  /** The dialect the version was published under. */
  dialect?: string | undefined;
  /** The versions it references (what the engine reads with it). */
  references?: readonly ReferencedDefinition[] | undefined;
}

export interface BreakingChange extends Change {
  /** The earlier version this change breaks compatibility with. */
  against_version: number;
}

export interface CompatibilityVerdict {
  compatibility: Compatibility;
  compatible: boolean;
  /** The versions the new definition was checked against, newest first. */
  checked_against: number[];
  /** Changes that break the mode (empty when compatible). */
  breaking_changes: BreakingChange[];
  /** Every change against the latest version, breaking or not. */
  changes: Change[];
}

const needsBackward = (m: Compatibility) => m.startsWith('BACKWARD') || m.startsWith('FULL');
const needsForward = (m: Compatibility) => m.startsWith('FORWARD') || m.startsWith('FULL');

/** Which earlier versions a mode compares against: all for _TRANSITIVE, the latest otherwise. */
export function isTransitive(mode: Compatibility): boolean {
  return mode.endsWith('_TRANSITIVE');
}

/**
 * Checks `next` against `previous` (newest first) under `mode`. With no previous version every definition
 * is compatible.
 */
export function checkCompatibility(
  engine: Pick<SchemaEngine, 'compare'>,
  mode: Compatibility,
  previous: VersionDefinition[],
  next: Json,
  options: CompareOptions = {},
): CompatibilityVerdict {
  const verdict: CompatibilityVerdict = { compatibility: mode, compatible: true, checked_against: [], breaking_changes: [], changes: [] };
  const latest = previous[0];
  if (!latest) return verdict;
  verdict.changes = engine.compare(latest.definition, next, { ...options, previousDialect: latest.dialect, previousReferences: latest.references }).changes;
  if (mode === 'NONE') return verdict;
  const against = isTransitive(mode) ? previous : [latest];
  for (const earlier of against) {
    const result = earlier === latest ? { changes: verdict.changes } : engine.compare(earlier.definition, next, { ...options, previousDialect: earlier.dialect, previousReferences: earlier.references });
    verdict.checked_against.push(earlier.version);
    for (const change of result.changes) {
      const breaks = (needsBackward(mode) && !change.backward_compatible) || (needsForward(mode) && !change.forward_compatible);
      if (breaks) verdict.breaking_changes.push({ ...change, against_version: earlier.version });
    }
  }
  verdict.compatible = verdict.breaking_changes.length === 0;
  return verdict;
}

/** One line a person can act on, for the 409 that refuses an incompatible version. */
export function describeVerdict(name: string, v: CompatibilityVerdict): string {
  const first = v.breaking_changes[0];
  const more = v.breaking_changes.length > 1 ? ` (and ${v.breaking_changes.length - 1} more change(s), listed in breaking_changes)` : '';
  const why = (first?.explanation ?? '').replace(/\.$/, '');
  return `the new definition of "${name}" is not ${v.compatibility} compatible with version ${first?.against_version}: ${why}${more}. Make the change compatible, or set the schema's compatibility to NONE with PUT /api/v1/schemas/{id}/config.`;
}
