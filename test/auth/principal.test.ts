import { describe, expect, it } from 'vitest';
import { parseGroups } from '../../lib/auth/groups.js';
import { authorize, principalFromClaims } from '../../lib/auth/principal.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../lib/errors.js';

describe('principals from JWT claims', () => {
  it('reads cognito:groups as a JWT array or as API Gateway\u2019s "[a b]" string, splitting only on whitespace', () => {
    expect(parseGroups(['acme:admin'])).toEqual(['acme:admin']);
    expect(parseGroups('[acme:admin globex:reader]')).toEqual(['acme:admin', 'globex:reader']);
    expect(parseGroups('acme:admin')).toEqual(['acme:admin']);
    expect(parseGroups(undefined)).toEqual([]);
    expect(parseGroups([1, 'acme:admin', null])).toEqual(['acme:admin']);
  });

  // Cognito group names may hold commas, brackets and quotes but never whitespace, so whitespace is the
  // only separator API Gateway's encoding leaves unambiguous.
  it.each([
    ['a comma', ['other-app:viewer,ws-h:admin']],
    ['a comma, as API Gateway encodes it', '[other-app:viewer,ws-h:admin]'],
    ['JSON inside, as API Gateway encodes it', '[["ws-h:admin"]]'],
    ['a JSON string', '["ws-h:admin"]'],
    ['a comma-separated string', 'other-app:viewer,ws-h:admin'],
  ])('grants no role in another workspace through a group name holding %s', (_why, claim) => {
    const p = principalFromClaims({ sub: 'm', 'cognito:groups': claim });
    expect(p.roles.has('ws-h')).toBe(false);
  });

  it('keeps the strongest role per workspace and ignores groups of other applications', () => {
    const p = principalFromClaims({ sub: 'u', 'cognito:groups': '[acme:reader acme:reviewer admins other:owner Acme:admin]' });
    expect([...p.roles]).toEqual([['acme', 'reviewer']]);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['holding the key separator', 'user#1'],
    ['non-ASCII', 'jos\u00e9'],
    ['with a space', 'a b'],
    ['too long', 'x'.repeat(257)],
    ['posing as the system', 'system:auto-approver'],
  ])('refuses a subject that is %s with 401', (_why, sub) => {
    expect(() => principalFromClaims({ sub })).toThrow(UnauthorizedError);
  });

  it('answers 404 outside the workspace and 403 below the role', () => {
    const p = principalFromClaims({ sub: 'u', 'cognito:groups': ['acme:writer'] });
    expect(() => authorize(p, 'globex', 'reader')).toThrow(NotFoundError);
    expect(() => authorize(p, 'acme', 'admin')).toThrow(ForbiddenError);
    expect(() => authorize(p, 'acme', 'reader')).not.toThrow();
  });
});
