/**
 * HTTP Basic credentials (RFC 7617) for the clients that can send nothing else (Confluent serializers):
 * the password is a registry token, the user name optionally a workspace. Never echoes what it decodes.
 */
import { UnauthorizedError } from '../errors.js';
import { bearerToken } from './bearer.js';

export interface BasicCredentials {
  user: string;
  password: string;
}

/** The credentials of `Authorization: Basic ...`, or undefined when the header uses another scheme. */
export function basicCredentials(header: string | undefined): BasicCredentials | undefined {
  const match = /^\s*basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || colon === decoded.length - 1) {
    throw new UnauthorizedError('the Basic credentials hold no password; send user:<registry token> in base64', { bearerError: 'invalid_request' });
  }
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The token of a Bearer header, or the password of a Basic one. */
export function tokenOfBearerOrBasic(header: string | undefined): string {
  return basicCredentials(header)?.password ?? bearerToken(header);
}
