/**
 * One Lambda function of the registry: a handler module bundled locally by esbuild into a single minified
 * ESM file (options in infra/bundling.ts), with its own log group and a role that can write only to that log group and touch the table
 * only as far as its access level allows.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { externalModules, FUNCTION_BUNDLING } from '../bundling.js';
import { PROJECT_ROOT, projectPath } from '../paths.js';
import { DEFAULT_LOG_RETENTION } from './defaults.js';
import { grantTableAccess, type TableAccess } from './table-access.js';

export interface RegistryFunctionProps {
  /** Handler module relative to the project root, exporting `handler`, e.g. `functions/health.ts`. */
  readonly entry: string;
  /** The registry table; its name reaches the code as TABLE_NAME (read by lib/config.ts). */
  readonly table: ITable;
  /** How much of the table the function may touch. */
  readonly access: TableAccess;
  /**
   * Retention of the function's log group.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Memory; CPU grows with it, so more memory shortens cold starts at no cost while idle.
   * @default 1024
   */
  readonly memorySize?: number;
  /**
   * @default Duration.seconds(10), well under the HTTP API's 30 s integration limit
   */
  readonly timeout?: Duration;
  /**
   * Extra environment variables, e.g. EVENT_BUS_NAME for a worker that publishes events.
   * @default - TABLE_NAME and NODE_OPTIONS only
   */
  readonly environment?: Record<string, string>;
  /**
   * The function applies migrations: its bundle carries the sink drivers only such functions load.
   * @default false
   */
  readonly sinks?: boolean;
  /**
   * Shell commands run after esbuild, given the project root and the bundle's directory: files the
   * handler reads at run time beside its code (the console's build).
   * @default - none
   */
  readonly afterBundling?: (projectRoot: string, outputDir: string) => string[];
}

export class RegistryFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: RegistryFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? DEFAULT_LOG_RETENTION,
      // Kept when the stack goes: recent logs matter most right after an incident; retention bounds their cost.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An explicit role instead of AWSLambdaBasicExecutionRole, which may write to any log group.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: projectPath(props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: projectPath('package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup: this.logGroup,
      environment: {
        TABLE_NAME: props.table.tableName,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        ...FUNCTION_BUNDLING,
        format: OutputFormat.ESM,
        mainFields: [...FUNCTION_BUNDLING.mainFields],
        externalModules: externalModules(props.sinks ?? false),
        tsconfig: projectPath('tsconfig.json'),
        forceDockerBundling: false,
        ...(props.afterBundling
          ? { commandHooks: { beforeBundling: () => [], beforeInstall: () => [], afterBundling: props.afterBundling } }
          : {}),
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'nodejs22.x is the runtime the project pins (maintained LTS); moving to a newer runtime is a deliberate, tested upgrade rather than a side effect of a CDK release.',
    });
    grantTableAccess(this.function, props.table, props.access);
  }
}
