import { describe, expect, it } from 'vitest';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();

/** Every header of a response with an empty value: a header line saying nothing. */
const emptyHeaders = (headers: Headers) => [...headers].filter(([, v]) => v.trim() === '').map(([k]) => k);

describe('security headers', () => {
  it('sends no empty header and no reporting headers on JSON, problem and HTML responses', async () => {
    const admin = await reg.token('ada', { default: 'admin' });
    const responses = [
      await reg.call('GET', '/api/v1/health'),
      await reg.call('GET', '/api/v1/schemas?workspace_id=default', { token: admin }),
      await reg.call('GET', '/api/v1/schemas/01HF7YAT00S8Z6N5V4C3B2A1Z0', { token: admin }),
      await reg.call('GET', '/api/v1/docs'),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 200]);
    for (const { headers } of responses) {
      expect(emptyHeaders(headers)).toEqual([]);
      expect(headers.has('reporting-endpoints')).toBe(false);
      expect(headers.has('report-to')).toBe(false);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('points the HTML page at no report group that does not exist', async () => {
    const { headers } = await reg.call('GET', '/api/v1/docs');
    expect(headers.get('content-type')).toContain('text/html');
    expect(headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(headers.get('content-security-policy')).not.toContain('report-to');
    expect(headers.get('x-xss-protection')).toBe('1; mode=block');
  });
});
