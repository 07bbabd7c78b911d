/**
 * Worker: the auto-approval run, invoked on a schedule and by the table's stream (new pending requests).
 * Any event starts one run of up to 10 requests; the stream only says "look now".
 */
import { defaultDeps, type Deps } from '../lib/deps.js';
import { log } from '../lib/log.js';
import { buildServices } from '../lib/registry.js';
import { runAutoApproval } from '../lib/requests/auto-approver.js';
import { mappingErrors } from '../lib/util/source-stack.js';

export function buildHandler(deps: Deps) {
  const { requests, autoCreate, design } = buildServices(deps);
  return async () => {
    await design.ready();
    const results = await runAutoApproval({ requests, autoCreate });
    for (const r of results) await log.info('auto-approval decision', { ...r });
    return { decisions: results };
  };
}

export const handler = mappingErrors(buildHandler(defaultDeps()));
