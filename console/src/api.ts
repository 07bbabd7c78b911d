/** The registry API from the page: same origin, the signed-in user's bearer token, problem+json errors as ApiError. */
export interface FieldError {
  path: string;
  message: string;
  keyword?: string;
}

export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

let bearer: string | undefined;
let onUnauthorized: (message: string) => void = () => undefined;

export function useToken(token: string | undefined, unauthorized: (message: string) => void): void {
  bearer = token;
  onUnauthorized = unauthorized;
}

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path.startsWith('/') ? path : `/api/v1/${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = { detail: text.slice(0, 200) };
  }
  if (!res.ok) {
    const err = new ApiError(res.status, (parsed ?? {}) as Problem);
    if (res.status === 401) onUnauthorized(err.message);
    throw err;
  }
  return parsed as T;
}

/** A query string from defined values only. */
export const qs = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
};
