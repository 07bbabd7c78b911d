/** The registry's roles, weakest first (as in functions/routes.ts; the page cannot import server code). */
export const ROLES = ['reader', 'writer', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const atLeast = (role: Role | undefined, needed: Role) => role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(needed);
