/**
 * The JSON Schema engine's names that code outside it reads: its warning codes (a workspace may refuse any
 * of them), its extension keywords and its default draft. Apart from the compiler, so that reading them
 * loads no ajv: the engine itself is loaded on first use (lib/engines/registry.ts).
 */
export const WARNING_CODES = ['unknown_format', 'unknown_keyword', 'inert_keyword', 'property_matches_pattern', 'pattern_translated'] as const;

/** The one extension keyword: SQL column hints that table-based schema requests read. No validation effect. */
export const SQL_HINTS_KEYWORD = 'x-sql';

/**
 * The root keyword naming a version's queryable fields (top-level property names; lib/payloads/index-entries.ts
 * reads it). No validation effect; drafts.ts checks its shape so that a malformed list is refused at publish.
 */
export const REGISTRY_INDEX_KEYWORD = 'x-registry-index';

/** Drafts a definition without `$schema` can be read in (a workspace or schema setting picks one). */
export const DEFAULT_DRAFTS = ['2020-12', 'draft-07'] as const;
export type DefaultDraft = (typeof DEFAULT_DRAFTS)[number];
/** The draft of a definition without `$schema` when no setting says otherwise. */
export const DEFAULT_DRAFT: DefaultDraft = '2020-12';
