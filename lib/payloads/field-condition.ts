/**
 * The field condition of a payload listing's query string, parsed by the route: apart from the queries
 * that answer it (field-index.ts), which load on the first one.
 */
import { BadRequestError } from '../errors.js';

/** One `where[field]=value` (equality) or `where[field][prefix]=value` condition of a listing. */
export interface FieldCondition {
  field: string;
  value: string;
  prefix: boolean;
}

const WHERE = /^where\[([A-Za-z_][A-Za-z0-9_]{0,62})\](\[prefix\])?$/;

/** The one field condition of a query string, if any; several are refused (one Query answers a page). */
export function fieldCondition(query: Record<string, unknown>): FieldCondition | undefined {
  const conditions = Object.entries(query).flatMap(([k, v]) => {
    const m = WHERE.exec(k);
    return m ? [{ field: m[1]!, value: String(v), prefix: m[2] !== undefined }] : [];
  });
  if (conditions.length > 1) throw new BadRequestError('give one where[field] condition per listing; narrow further on the client');
  if (conditions.length && query.schema_ref !== undefined) throw new BadRequestError('where[field] queries a schema: send workspace_id and schema_name instead of schema_ref');
  return conditions[0];
}
