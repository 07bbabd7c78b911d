/** The public shape of a payload, and how items become it. */
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
  created_at: string;
  created_by: string;
}

export function toPayload(item: PayloadItem): Payload {
  const p: Payload = {
    id: item.id,
    schema_ref: item.schema_ref,
    schema_name: item.schema_name,
    schema_version: item.schema_version,
    workspace_id: item.workspace_id,
    data: JSON.parse(item.data) as Json,
    created_at: item.created_at,
    created_by: item.created_by,
  };
  if (item.meta !== undefined) p.meta = JSON.parse(item.meta) as Json;
  return p;
}
