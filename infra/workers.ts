/**
 * The registry's background functions. Route groups need no entry anywhere in infra/ (the stack reads
 * functions/routes.ts); workers have no route, so each is listed here once, with its trigger.
 *
 * Example (a stream processor publishing registry events to the bus):
 *   { id: 'StreamProcessor', entry: 'functions/stream-processor.ts', access: 'read',
 *     stream: { filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT') })] }, publishesEvents: true }
 */
import { Duration } from 'aws-cdk-lib';
import { FilterCriteria, FilterRule } from 'aws-cdk-lib/aws-lambda';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import type { WorkerSpec } from './constructs/worker.js';

/** A schema request item whose status is pending, in the stream's attribute-value form. */
const PENDING_REQUEST = { __edb_e__: { S: FilterRule.isEqual('schema_request') }, status: { S: FilterRule.isEqual('pending') } };

export const WORKERS: readonly WorkerSpec[] = [
  {
    // Approves low-risk pending requests of opted-in workspaces: every 5 minutes, and as soon as a
    // request lands pending (the stream filter keeps other writes from waking it). Only a write that makes
    // a request pending counts: the worker's own decisions leave it pending, and must not wake it again
    // (a request that keeps failing would otherwise invoke it in an endless loop).
    id: 'AutoApproval',
    entry: 'functions/auto-approver.ts',
    access: 'read-write',
    // Workspaces that auto-create get their low-risk tables created by this worker.
    sinks: true,
    schedule: ScheduleExpression.rate(Duration.minutes(5)),
    stream: {
      filters: [
        FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: { NewImage: PENDING_REQUEST } }),
        FilterCriteria.filter({
          eventName: FilterRule.isEqual('MODIFY'),
          dynamodb: { NewImage: PENDING_REQUEST, OldImage: { status: { S: FilterRule.notEquals('pending') } } },
        }),
      ],
    },
  },
  {
    // New notifications and audit events, published to the registry's bus for integrators.
    id: 'StreamProcessor',
    entry: 'functions/stream-processor.ts',
    access: 'none',
    stream: {
      filters: [
        FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: { NewImage: { __edb_e__: { S: FilterRule.or('notification', 'audit_event') } } } }),
      ],
    },
    publishesEvents: true,
  },
];
