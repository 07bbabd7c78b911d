/** The API's bodies, as the typed client has them (generated from the OpenAPI document by `npm run codegen`). */
import type { components } from '../../clients/typescript/src/generated/openapi.js';

type Schemas = components['schemas'];
export type SchemaVersion = Schemas['SchemaVersion'];
export type SchemaRequest = Schemas['SchemaRequest'];
export type MigrationPreview = Schemas['MigrationPreview'];
export type Change = Schemas['Change'];
export type FieldDescription = Schemas['SchemaFields']['fields'][number];
export type Payload = Schemas['Payload'];
export type AuditEvent = Schemas['AuditEvent'];
export type Notification = Schemas['Notification'];
export type AutoCreateLogEntry = Schemas['AutoCreateLogEntry'];

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
