/** Relational tables for schema requests: definitions, their JSON Schema mapping and migration previews. */
export { parseTableDefinition, primaryKeyOf, type ColumnDefinition, type IndexDefinition, type IndexType, type TableDefinition } from './table.js';
export { formatDefault, type ColumnDefault } from './defaults.js';
export { SQL_TYPE_NAMES, type SqlTypeName } from './types.js';
export { jsonSchemaToTable, tableToJsonSchema, X_SQL } from './table-to-json-schema.js';
export { planMigration, type MigrationPlan, type MigrationStep, type PlannedStep } from './plan.js';
export { renderMigration, renderStatements, type MigrationPreview } from './render.js';
export { DIALECTS, type Dialect } from './dialects.js';
