/**
 * One Lambda function of the registry: a handler module bundled locally by esbuild into minified ESM
 * (index.mjs and the chunks it imports on demand; options in infra/bundling.ts), with its own log group and a role that can write only to that log group and touch the table
 * only as far as its access level allows.
 */
import { execSync } from 'node:child_process';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { functionBuildOptions } from '../bundling.js';
import { PROJECT_ROOT } from '../paths.js';
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
   * @default - TABLE_NAME only
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
  readonly function: LambdaFunction;
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

    this.function = new LambdaFunction(this, 'Function', {
      code: bundledCode(props),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup: this.logGroup,
      environment: {
        TABLE_NAME: props.table.tableName,
        ...props.environment,
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'nodejs22.x is the runtime the project pins (maintained LTS); moving to a newer runtime is a deliberate, tested upgrade rather than a side effect of a CDK release.',
    });
    grantTableAccess(this.function, props.table, props.access);
  }
}

/**
 * The function's code, bundled on this machine as NodejsFunction would (an asset of the project root,
 * hashed by its output), but with code splitting, which NodejsFunction's single output file cannot do.
 */
function bundledCode(props: RegistryFunctionProps): Code {
  return Code.fromAsset(PROJECT_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: the local bundling below always succeeds, so CDK needs no container.
      image: DockerImage.fromRegistry('local-bundling-only'),
      // CDK reuses a bundle for assets of the same source and options, and cannot see into `local`: the
      // entry and its build settings make each function's options, and so its bundle, its own.
      command: [props.entry, props.sinks ? 'sinks' : 'no-sinks', ...(props.afterBundling?.('<root>', '<out>') ?? [])],
      local: {
        tryBundle(outputDir) {
          buildSync(functionBuildOptions(props.entry, outputDir, props.sinks ?? false));
          for (const command of props.afterBundling?.(PROJECT_ROOT, outputDir) ?? []) execSync(command, { stdio: 'inherit' });
          return true;
        },
      },
    },
  });
}
