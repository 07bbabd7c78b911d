/**
 * Table requests from the seed documents (../shared/seeds/002: `caricatures`; 003: `user_preferences`),
 * rewritten in our column format, plus a second version of `caricatures` for ALTER tests.
 */

/** Seed 002's caricatures request, column for column. */
export const caricaturesV1 = {
  columns: [
    { name: 'id', type: 'UUID', primary_key: true, nullable: false, default: 'gen_random_uuid()' },
    { name: 'user_id', type: 'TEXT', nullable: false },
    { name: 'username', type: 'TEXT', nullable: true },
    { name: 'image_url', type: 'TEXT', nullable: false },
    { name: 'description', type: 'TEXT', nullable: true },
    { name: 'created_at', type: 'TIMESTAMPTZ', nullable: false, default: 'CURRENT_TIMESTAMP' },
  ],
  indexes: [
    { name: 'idx_caricatures_user_id', columns: ['user_id'] },
    { name: 'idx_caricatures_created_at', columns: ['created_at'] },
  ],
};

/**
 * The next version: `username` narrows to varchar(64) NOT NULL with a default, `description` is dropped,
 * `metadata` (jsonb, GIN-indexed) and `updated_at` are added, one index goes and a unique one comes.
 */
export const caricaturesV2 = {
  columns: [
    { name: 'id', type: 'uuid', primary_key: true, default: 'gen_random_uuid()' },
    { name: 'user_id', type: 'text', nullable: false },
    { name: 'username', type: 'varchar(64)', nullable: false, default: "'anonymous'" },
    { name: 'image_url', type: 'text', nullable: false },
    { name: 'created_at', type: 'timestamptz', nullable: false, default: 'CURRENT_TIMESTAMP' },
    { name: 'metadata', type: 'jsonb', nullable: false, default: "'{}'", description: 'Free-form rendering options' },
    { name: 'updated_at', type: 'timestamptz', default: 'now()' },
  ],
  indexes: [
    { name: 'idx_caricatures_user_id', columns: ['user_id'] },
    { name: 'idx_caricatures_metadata', columns: ['metadata'], type: 'GIN' },
    { name: 'uq_caricatures_user_image', columns: ['user_id', 'image_url'], type: 'unique' },
  ],
};

/** Seed 003's user_preferences fields, given a serial key, a JSON document, flags and timestamps. */
export const userPreferences = {
  columns: [
    { name: 'id', type: 'BIGSERIAL', primary_key: true },
    { name: 'preference_key', type: 'VARCHAR(255)', nullable: false },
    { name: 'preference_value', type: 'TEXT', nullable: true },
    { name: 'user_id', type: 'VARCHAR(255)', nullable: false },
    { name: 'metadata', type: 'JSONB', nullable: false, default: "'{}'" },
    { name: 'is_active', type: 'BOOLEAN', nullable: false, default: 'TRUE' },
    { name: 'weight', type: 'NUMERIC(5,2)', default: '1.50' },
    { name: 'updated_at', type: 'TIMESTAMPTZ', nullable: false, default: 'now()' },
  ],
  indexes: [
    { columns: ['user_id', 'preference_key'], type: 'unique' },
    { columns: ['metadata'], type: 'gin' },
  ],
};

/** The migration files are named from this instant. */
export const NOW = new Date(Date.UTC(2023, 11, 5, 12, 0, 0));
