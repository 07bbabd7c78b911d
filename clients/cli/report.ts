/** The one place that turns a thrown error into what the user sees and the exit code. */
import { CommanderError } from 'commander';
import { ProblemError } from '../typescript/src/index.js';
import { EXIT, ReportedFailure, UsageError } from './errors.js';
import type { Output } from './output.js';
import { printChanges, type Change } from './commands/changes.js';

export function report(e: unknown, out: Output): number {
  const stderr = (s: string) => out.errLine(s.replace(/\n$/, ''));
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage; // commander printed it
  if (e instanceof ReportedFailure) return e.code;
  const red = out.err.red;
  if (e instanceof UsageError) {
    stderr(red(`error: ${e.message}`) + '\n');
    return EXIT.usage;
  }
  if (e instanceof ProblemError) {
    const p = e.problem;
    const incompatible = p.status === 409 && Array.isArray(p.breaking_changes);
    if (out.json) {
      stderr(JSON.stringify(p, null, 2) + '\n');
    } else {
      stderr(red(`error: ${p.title} (${p.status})`) + '\n');
      if (p.detail) stderr(`${p.detail}\n`);
      for (const f of e.errors) stderr(`  ${f.path || '(root)'}: ${f.message}${f.keyword ? out.err.dim(` [${f.keyword}]`) : ''}\n`);
      if (Array.isArray(p.allowed_transitions)) stderr(`allowed transitions: ${p.allowed_transitions.join(', ') || 'none'}\n`);
      if (incompatible) printChanges(out, p.breaking_changes as Change[], 'stderr');
    }
    return incompatible ? EXIT.incompatible : EXIT.error;
  }
  const cause = (e as { cause?: { code?: string } }).cause;
  const message = (e as Error).message ?? String(e);
  stderr(red(`error: ${message}${cause?.code ? ` (${cause.code})` : ''}`) + '\n');
  return EXIT.error;
}
