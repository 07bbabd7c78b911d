import { describe, expect, it } from 'vitest';
import { RULES } from '../../lib/policies/index.js';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();

interface ListedRule {
  id: string;
  severity: string;
  default_severity: string;
}
const byId = (rules: ListedRule[]) => Object.fromEntries(rules.map((r) => [r.id, r]));

describe('workspace policies', () => {
  it('lists each rule at the severity in force, with its default beside it, after PUT and on GET', async () => {
    const admin = await reg.token('ada', { pol: 'admin' });
    const before = await reg.call('GET', '/api/v1/workspaces/pol/policies', { token: admin });
    expect(before.status).toBe(200);
    expect(before.body.rules).toEqual(RULES.map((r) => ({ id: r.id, severity: r.severity, default_severity: r.severity, description: r.description })));

    const put = await reg.call('PUT', '/api/v1/workspaces/pol/policies', { token: admin, body: { severities: { 'text-over-varchar': 'off', 'bigint-precision': 'error' } } });
    expect(put.status).toBe(200);
    const get = await reg.call('GET', '/api/v1/workspaces/pol/policies', { token: admin });
    for (const response of [put, get]) {
      const rules = byId(response.body.rules);
      expect(rules['text-over-varchar']).toMatchObject({ severity: 'off', default_severity: 'warning' });
      expect(rules['bigint-precision']).toMatchObject({ severity: 'error', default_severity: byId(before.body.rules)['bigint-precision']!.default_severity });
      expect(rules['snake-case-names']).toMatchObject({ severity: byId(before.body.rules)['snake-case-names']!.default_severity });
      expect(response.body.severities).toEqual({ 'text-over-varchar': 'off', 'bigint-precision': 'error' });
    }
  });
});
