/** How the tests of approved migrations through the real handlers act: one person per role, and approved requests. */
import { expect } from 'vitest';
import type { TestRegistry } from '../support/registry.js';

/** Bearer tokens of the workspace's people, by role. */
export interface Tokens {
  writer: string;
  reviewer: string;
  /** Another reviewer, for a sink that wants two approvals. */
  second: string;
  admin: string;
  reader: string;
}

export function approvals(reg: TestRegistry, workspace: string) {
  return {
    tokens: async (): Promise<Tokens> => ({
      writer: await reg.token('wendy', { [workspace]: 'writer' }),
      reviewer: await reg.token('rita', { [workspace]: 'reviewer' }),
      second: await reg.token('sam', { [workspace]: 'reviewer' }),
      admin: await reg.token('ada', { [workspace]: 'admin' }),
      reader: await reg.token('ray', { [workspace]: 'reader' }),
    }),
    /** A request for `table` by the writer, approved by the reviewer; answers its id. */
    async approved(name: string, table: unknown, t: Pick<Tokens, 'writer' | 'reviewer'>): Promise<string> {
      const created = await reg.call('POST', '/api/v1/schema-requests', { token: t.writer, body: { workspace_id: workspace, schema_name: name, table } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const decided = await reg.call('PATCH', `/api/v1/schema-requests/${created.body.id}`, { token: t.reviewer, body: { status: 'approved' } });
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      return created.body.id;
    },
  };
}
