/** The public shape of a schema version, and how items become it. */
import type { SchemaVersionItem } from '../generated/table.js';
import type { Json } from '../engines/types.js';
import { recordedReferences, type VersionReference } from './references.js';

export interface SchemaVersion {
  id: string;
  workspace_id: string;
  name: string;
  version: number;
  engine: string;
  definition: Json;
  fingerprint: string;
  /** The dialect in force (for JSON Schema the draft: `2020-12`, `2019-09`, `draft-07`). */
  dialect?: string;
  description?: string;
  /** The versions its definition references (`registry://{workspace}/{name}/{version}`); absent when none. */
  references?: VersionReference[];
  state: 'active' | 'deprecated' | 'disabled';
  state_changed_at?: string;
  created_at: string;
  created_by: string;
}

export function toSchemaVersion(item: SchemaVersionItem): SchemaVersion {
  const v: SchemaVersion = {
    id: item.id,
    workspace_id: item.workspace_id,
    name: item.name,
    version: item.version,
    engine: item.engine,
    definition: JSON.parse(item.definition) as Json,
    fingerprint: item.fingerprint,
    state: item.state,
    created_at: item.created_at,
    created_by: item.created_by,
  };
  if (item.dialect !== undefined) v.dialect = item.dialect;
  if (item.description !== undefined) v.description = item.description;
  if (item.references !== undefined) v.references = recordedReferences(item);
  if (item.state_changed_at !== undefined) v.state_changed_at = item.state_changed_at;
  return v;
}

/** The engine of a schema whose first version names none. */
export const DEFAULT_ENGINE = 'json-schema';
