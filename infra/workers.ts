/**
 * The registry's background functions. Route groups need no entry anywhere in infra/ (the stack reads
 * functions/routes.ts); workers have no route, so each is listed here once, with its trigger.
 *
 * Example (a stream processor publishing registry events to the bus):
 *   { id: 'StreamProcessor', entry: 'functions/stream-processor.ts', access: 'read',
 *     stream: { filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT') })] }, publishesEvents: true }
 */
import type { WorkerSpec } from './constructs/worker.js';

export const WORKERS: readonly WorkerSpec[] = [];
