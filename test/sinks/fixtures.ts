/**
 * Seed 004's tiered tables (basic, intermediate, advanced), rewritten in our table-definition format,
 * in the seed's migration order, and migrations built from plans for the runner tests.
 */
import { parseTableDefinition, planMigration } from '../../lib/sql/index.js';
import type { Migration } from '../../lib/sinks/index.js';
import { caricaturesV1, caricaturesV2, userPreferences } from '../sql/fixtures.js';

type Raw = { columns: Record<string, unknown>[]; indexes?: Record<string, unknown>[] };
const text = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: 'text', ...extra });
const int = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: 'integer', ...extra });
const required = { nullable: false };
const key = { primary_key: true };
const idx = (name: string, ...columns: string[]) => ({ name, columns });

/** Each tier's tables, in the seed's order; `references` are the seed's foreign keys. */
export const TIERED_TABLES: { tier: string; table: string; definition: Raw; references?: string[] }[] = [
  {
    tier: 'basic',
    table: 'core_source_configs',
    definition: {
      columns: [text('source_id', key), text('source_type', required), text('name', required), text('config', required), int('enabled', { default: 1 }), text('created_at', required), text('updated_at', required)],
      indexes: [idx('idx_source_configs_type', 'source_type'), idx('idx_source_configs_name', 'name'), { name: 'uq_source_configs_name', columns: ['name'], type: 'unique' }],
    },
  },
  {
    tier: 'intermediate',
    table: 'scheduler_schedules',
    definition: {
      columns: [
        text('name', key), text('pipeline', required), text('schedule_type', required), text('cron_expression'), int('interval_minutes'), int('interval_hours'), text('run_at'),
        text('timezone', { default: "'UTC'" }), text('params'), int('enabled', { default: 1 }), int('max_instances', { default: 1 }), text('created_at', required), text('updated_at', required),
      ],
      indexes: [idx('idx_schedules_pipeline', 'pipeline'), idx('idx_schedules_enabled', 'enabled')],
    },
  },
  {
    tier: 'intermediate',
    table: 'scheduler_runs',
    references: ['scheduler_schedules'],
    definition: {
      columns: [text('run_id', key), text('schedule_name', required), text('pipeline', required), text('status', required), text('scheduled_at', required), text('started_at'), text('completed_at'), text('error'), text('result')],
      indexes: [idx('idx_scheduler_runs_schedule', 'schedule_name'), idx('idx_scheduler_runs_status', 'status'), idx('idx_scheduler_runs_scheduled_at', 'scheduled_at')],
    },
  },
  {
    tier: 'intermediate',
    table: 'workflow_runs',
    definition: {
      columns: [
        text('run_id', key), text('workflow_name', required), text('domain'), text('partition_key'), text('status', required), text('started_at'), text('completed_at'), text('params'), text('outputs'),
        text('error'), text('error_category'), text('metrics'), text('triggered_by', required), text('created_at', required),
      ],
      indexes: [idx('idx_workflow_runs_name', 'workflow_name'), idx('idx_workflow_runs_status', 'status'), idx('idx_workflow_runs_domain', 'domain'), idx('idx_workflow_runs_started', 'started_at'), idx('idx_workflow_runs_created', 'created_at')],
    },
  },
  {
    tier: 'intermediate',
    table: 'workflow_step_runs',
    references: ['workflow_runs'],
    definition: {
      columns: [
        text('step_id', key), text('run_id', required), text('step_name', required), text('step_type', required), int('step_order', required), text('status', required), text('started_at'), text('completed_at'),
        text('input_params'), text('output_data'), text('error'), text('error_category'), int('records_processed'), int('quality_passed'), text('quality_metrics'),
      ],
      indexes: [idx('idx_step_runs_run', 'run_id'), idx('idx_step_runs_status', 'status')],
    },
  },
  {
    tier: 'intermediate',
    table: 'alert_history',
    definition: {
      columns: [text('alert_id', key), text('severity', required), text('title', required), text('message', required), text('source', required), text('execution_id'), text('channel', required), text('sent_at', required), int('success', required), text('error'), text('metadata')],
      indexes: [idx('idx_alerts_severity', 'severity'), idx('idx_alerts_source', 'source'), idx('idx_alerts_sent_at', 'sent_at')],
    },
  },
  {
    tier: 'advanced',
    table: 'dead_letter_queue',
    definition: {
      columns: [
        text('dlq_id', key), text('source_type', required), text('source_id', required), text('payload', required), text('error', required), text('error_category'), int('retry_count', { default: 0 }), int('max_retries', { default: 3 }),
        text('first_failed_at', required), text('last_failed_at', required), text('next_retry_at'), text('status', { default: "'pending'" }), text('resolved_at'), text('metadata'),
      ],
      indexes: [idx('idx_dlq_status', 'status'), idx('idx_dlq_next_retry', 'next_retry_at'), idx('idx_dlq_source', 'source_type', 'source_id')],
    },
  },
  {
    tier: 'advanced',
    table: 'circuit_breakers',
    definition: {
      columns: [
        text('breaker_id', key), text('name', required), text('state', { nullable: false, default: "'closed'" }), int('failure_count', { default: 0 }), int('success_count', { default: 0 }), text('last_failure_at'), text('last_success_at'),
        text('opened_at'), text('half_opened_at'), text('config'), text('updated_at', required),
      ],
      indexes: [{ name: 'uq_circuit_breakers_name', columns: ['name'], type: 'unique' }],
    },
  },
];

/** A create migration for `table`, with an id that sorts in submission order. */
export function createMigration(id: string, table: string, definition: Raw, extra: Partial<Migration> = {}): Migration {
  return { id, request_id: `req-${id}`, schema_name: table, schema_version: 1, plan: planMigration(table, null, parseTableDefinition(definition, table)), ...extra };
}

export const caricaturesCreate = (id = 'm-caricatures-1') => createMigration(id, 'caricatures', caricaturesV1);
export const caricaturesAlter = (id = 'm-caricatures-2', dependsOn = 'm-caricatures-1'): Migration => ({
  id,
  request_id: `req-${id}`,
  schema_name: 'caricatures',
  schema_version: 2,
  plan: planMigration('caricatures', parseTableDefinition(caricaturesV1, 'caricatures'), parseTableDefinition(caricaturesV2, 'caricatures')),
  depends_on: [dependsOn],
});
export const userPreferencesCreate = (id = 'm-user-preferences-1') => createMigration(id, 'user_preferences', userPreferences);

/** The seed's tiers as migrations, each depending on the one before (approval order). */
export function tieredMigrations(): Migration[] {
  return TIERED_TABLES.map(({ tier, table, definition, references }, i, all) =>
    createMigration(`m-${String(i + 1).padStart(2, '0')}-${tier}-${table}`, table, definition, {
      ...(references ? { references } : {}),
      ...(i > 0 ? { depends_on: [`m-${String(i).padStart(2, '0')}-${all[i - 1]?.tier}-${all[i - 1]?.table}`] } : {}),
    }),
  );
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf<E extends Error = Error>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
