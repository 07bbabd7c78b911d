/** The `cognito:groups` claim as the list of group names, in both shapes it arrives in. */

/**
 * `cognito:groups` arrives as a JSON array in the token itself (local tokens) and as the string "[a b]"
 * through the HTTP API JWT authorizer, which joins an array's elements with single spaces. Cognito group
 * names may hold commas, brackets and quotes but never whitespace, so whitespace is the one separator;
 * reading commas or JSON here would let one oddly named group grant a role in another workspace.
 */
export function parseGroups(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
  if (typeof claim !== 'string') return [];
  const text = claim.startsWith('[') && claim.endsWith(']') ? claim.slice(1, -1) : claim;
  return text.split(/\s+/).filter(Boolean);
}
