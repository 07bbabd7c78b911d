/**
 * A background function: run on a schedule (EventBridge Scheduler), on the table's stream, or both.
 * Whatever fails for good lands in the worker's SQS dead-letter queue, which an alarm watches.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { StartingPosition, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, type ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RegistryFunction } from './registry-function.js';
import { grantStreamRead, type TableAccess } from './table-access.js';

/** Consumption of the table's stream (NEW_AND_OLD_IMAGES). */
export interface StreamTrigger {
  /**
   * Lambda event filters, e.g. `[FilterCriteria.filter({ dynamodb: { NewImage: { __edb_e__: { S: FilterRule.isEqual('schema_request') } } } })]`.
   * @default - every record
   */
  readonly filters?: Array<{ [key: string]: unknown }>;
  /** @default 10 */
  readonly batchSize?: number;
  /**
   * Retries of a failing batch (halved each time by bisectBatchOnError) before it goes to the DLQ.
   * @default 3
   */
  readonly retryAttempts?: number;
  /**
   * Records older than this go to the DLQ instead of being retried.
   * @default Duration.hours(6)
   */
  readonly maxRecordAge?: Duration;
}

/** What a worker is; the stateless stack turns each into a `Worker` (see infra/workers.ts). */
export interface WorkerSpec {
  /** Construct id, stable across deployments, e.g. `AutoApproval`. */
  readonly id: string;
  /** Handler module relative to the project root, exporting `handler`. */
  readonly entry: string;
  /** How much of the table the worker may touch. */
  readonly access: TableAccess;
  /**
   * When to run it, e.g. `ScheduleExpression.rate(Duration.minutes(5))`.
   * @default - not scheduled
   */
  readonly schedule?: ScheduleExpression;
  /**
   * Run it on the table's stream.
   * @default - not on the stream
   */
  readonly stream?: StreamTrigger;
  /**
   * Allow `events:PutEvents` on the registry's event bus (and only that bus), named by EVENT_BUS_NAME.
   * @default false
   */
  readonly publishesEvents?: boolean;
  /**
   * Reach the sinks: the secrets and clusters of the deployment's sink grants (auto-create).
   * @default false
   */
  readonly sinks?: boolean;
  /** @default Duration.seconds(60) */
  readonly timeout?: Duration;
}

export interface WorkerProps extends Omit<WorkerSpec, 'id' | 'publishesEvents'> {
  /** The registry table. */
  readonly table: ITable;
  /**
   * The bus the worker publishes to.
   * @default - publishes nothing
   */
  readonly eventBus?: IEventBus;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /**
   * Extra environment variables of the worker's function.
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
}

/** Async invocations (the scheduler's) get this many retries by Lambda before going to the DLQ. */
const ASYNC_RETRIES = 2;
const MAX_EVENT_AGE = Duration.hours(1);

export class Worker extends Construct {
  readonly function: RegistryFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id);
    if (!props.schedule && !props.stream) {
      throw new Error(`worker ${this.node.path} (${props.entry}) has no trigger; give it a schedule, a stream, or both`);
    }
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the worker (stream on-failure destination, scheduler and async-invoke DLQ); an alarm fires on its first message.',
    });

    this.function = new RegistryFunction(this, 'Handler', {
      entry: props.entry,
      table: props.table,
      access: props.access,
      ...(props.sinks ? { sinks: true } : {}),
      timeout: props.timeout ?? Duration.seconds(60),
      logRetention: props.logRetention,
      environment: { ...props.environment, ...(props.eventBus ? { EVENT_BUS_NAME: props.eventBus.eventBusName } : {}) },
    });
    const fn = this.function.function;
    props.eventBus?.grantPutEventsTo(fn);

    if (props.schedule) {
      fn.configureAsyncInvoke({ onFailure: new SqsDestination(this.deadLetterQueue), retryAttempts: ASYNC_RETRIES, maxEventAge: MAX_EVENT_AGE });
      // A role of its own rather than the stack-wide one aws-scheduler-targets would share among targets.
      const role = new Role(this, 'SchedulerRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
      new Schedule(this, 'Schedule', {
        schedule: props.schedule,
        description: `Runs ${props.entry}`,
        // The scheduler's own DLQ catches invocations Lambda never accepted (throttled, missing permission).
        target: new LambdaInvoke(fn, { role, deadLetterQueue: this.deadLetterQueue, retryAttempts: ASYNC_RETRIES, maxEventAge: MAX_EVENT_AGE }),
      });
      const fnId = Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnFunction);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
        reason: 'LambdaInvoke grants lambda:InvokeFunction on the versions and aliases of this one function (the ":*" qualifier); the role can invoke nothing else.',
      });
    }

    if (props.stream) {
      grantStreamRead(fn, props.table);
      // Not DynamoEventSource: it grants dynamodb:ListStreams on "*"; grantStreamRead scopes it to this stream.
      fn.addEventSourceMapping('TableStream', {
        eventSourceArn: props.table.tableStreamArn!,
        // A replaced mapping re-reads the last 24 hours rather than skipping records; consumers are
        // idempotent anyway, since delivery is at least once.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: props.stream.batchSize ?? 10,
        bisectBatchOnError: true,
        // A handler may return { batchItemFailures } to retry only those records; returning nothing still
        // means the whole batch succeeded.
        reportBatchItemFailures: true,
        retryAttempts: props.stream.retryAttempts ?? 3,
        maxRecordAge: props.stream.maxRecordAge ?? Duration.hours(6),
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: props.stream.filters,
      });
    }
  }
}
