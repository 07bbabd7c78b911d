/** Defaults shared by the constructs and the context parameters (infra/settings.ts), kept in one place. */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** Retention of function and access logs. */
export const DEFAULT_LOG_RETENTION = RetentionDays.ONE_MONTH;

/** Throttling of the API's default stage: generous for a registry, low enough to cap a runaway client's bill. */
export const DEFAULT_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;
