/**
 * Alarms that need a person, all notifying one SNS topic: function errors and throttles, table throttling,
 * API 5xx responses, and any message in a dead-letter queue. Each fires on the first occurrence in five
 * minutes: at the registry's volume, one 5xx or one lost record is already worth a look.
 */
import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface RegistryAlarmsProps {
  /** Functions to watch, by a stable name used in the alarm ids (e.g. `Health`). */
  readonly functions: Readonly<Record<string, IFunction>>;
  /** The registry table. */
  readonly table: ITable;
  /** The HTTP API. */
  readonly httpApi: IHttpApi;
  /**
   * Dead-letter queues, by a stable name.
   * @default - none
   */
  readonly deadLetterQueues?: Readonly<Record<string, IQueue>>;
  /**
   * Address subscribed to the topic; it must confirm the subscription.
   * @default - no subscription
   */
  readonly email?: string;
}

const PERIOD = Duration.minutes(5);

/** Table operations the registry performs; CloudWatch allows at most 10 metrics in one alarm's expression. */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
  Operation.TRANSACT_GET_ITEMS,
  Operation.GET_RECORDS,
];

export class RegistryAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: RegistryAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Schema registry alarms', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));

    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(`${name}Errors`, fn.metricErrors({ period: PERIOD, statistic: 'Sum' }), `${name} function threw or timed out`);
      this.alarm(`${name}Throttles`, fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }), `${name} function was throttled (account concurrency exhausted)`);
    }
    this.alarm(
      'TableThrottles',
      props.table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: PERIOD, statistic: 'Sum' }),
      'DynamoDB throttled requests to the registry table',
    );
    this.alarm('ApiServerErrors', props.httpApi.metricServerError({ period: PERIOD, statistic: 'Sum' }), 'The API answered 5xx');
    for (const [name, queue] of Object.entries(props.deadLetterQueues ?? {})) {
      this.alarm(`${name}DeadLetters`, queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }), `${name} put a failed event in its dead-letter queue`);
    }
  }

  private alarm(id: string, metric: IMetric, description: string): void {
    const alarm = new Alarm(this, id, {
      metric,
      alarmDescription: description,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No data means no requests, which is healthy.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}
