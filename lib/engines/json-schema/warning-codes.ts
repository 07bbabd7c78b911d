/** The codes of the warnings the JSON Schema engine reports (a workspace may refuse any of them); apart from the compiler, which the API's contracts need not load. */
export const WARNING_CODES = ['unknown_format', 'unknown_keyword', 'inert_keyword', 'property_matches_pattern', 'pattern_translated'] as const;
