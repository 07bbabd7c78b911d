/** The public shape of a payload, how items become it, and its entity tag. */
import type { PayloadItem } from '../generated/table.js';
import type { Json } from '../engines/types.js';

export interface Payload {
  id: string;
  schema_ref: string;
  schema_name: string;
  schema_version: number;
  workspace_id: string;
  data: Json;
  meta?: Json;
  revision: number;
  created_at: string;
  created_by: string;
  updated_at?: string;
  updated_by?: string;
}

/** Payloads stored before revisions existed carry none: they are revision 1. */
export const revisionOf = (item: Pick<PayloadItem, 'revision'>): number => item.revision ?? 1;

/** The strong entity tag of a revision (RFC 9110 section 8.8.3), sent as `ETag` and compared with `If-Match`. */
export const etagOf = (revision: number): string => `"${revision}"`;

/**
 * An item or index entry as the API shows it (the listing shard is the table's business). `sent`: the
 * documents a write stored, already parsed: checkedDocument refused anything JSON would not give back
 * exactly, so parsing what was just serialized would only cost (a large document's parse is most of a write).
 */
export function toPayload(item: Omit<PayloadItem, 'shard'>, sent?: { data: Json; meta?: Json | undefined }): Payload {
  const p: Payload = {
    id: item.id,
    schema_ref: item.schema_ref,
    schema_name: item.schema_name,
    schema_version: item.schema_version,
    workspace_id: item.workspace_id,
    data: sent ? sent.data : (JSON.parse(item.data) as Json),
    revision: revisionOf(item),
    created_at: item.created_at,
    created_by: item.created_by,
  };
  if (item.meta !== undefined) p.meta = sent?.meta !== undefined ? sent.meta : (JSON.parse(item.meta) as Json);
  if (item.updated_at !== undefined) p.updated_at = item.updated_at;
  if (item.updated_by !== undefined) p.updated_by = item.updated_by;
  return p;
}
