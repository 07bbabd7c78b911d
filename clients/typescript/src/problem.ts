/** RFC 9457 problem+json responses as errors a caller can switch on. */

/** One problem of a validation failure: where (a JSON pointer), what, and the keyword that failed. */
export interface FieldError {
  path: string;
  message: string;
  keyword?: string;
}

/** The registry's problem document; routes add members (e.g. `breaking_changes`, `allowed_transitions`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [member: string]: unknown;
}

/** A response with a 4xx or 5xx status. `problem` is the body when it was problem+json, else a synthesized one. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly status: number;
  readonly problem: Problem;
  readonly response: Response;

  constructor(problem: Problem, response: Response) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.status = problem.status;
    this.problem = problem;
    this.response = response;
  }

  get title(): string {
    return this.problem.title;
  }
  get detail(): string {
    return this.problem.detail;
  }
  get errors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

function isProblem(value: unknown): value is Problem {
  const v = value as Partial<Problem> | null;
  return typeof v === 'object' && v !== null && typeof v.title === 'string' && typeof v.status === 'number';
}

/** Reads an error response (without consuming the caller's copy) into a ProblemError. */
export async function problemErrorOf(response: Response): Promise<ProblemError> {
  const text = await response.clone().text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const problem: Problem = isProblem(body)
    ? { ...body, type: body.type ?? 'about:blank', detail: body.detail ?? '' }
    : { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: text.slice(0, 500) };
  return new ProblemError(problem, response);
}
