/**
 * The whole registry as one CDK app: the stateful stack, the stateless stack wired to it, and the
 * AwsSolutions checks of cdk-nag, which fail every synth (CLI or test) that leaves a finding unacknowledged.
 */
import { CrossStackReferences, ReferenceStrength, Validations, type App, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { WorkerSpec } from './constructs/worker.js';
import type { RegistrySettings } from './settings.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';

export interface RegistryOptions {
  readonly settings: RegistrySettings;
  /** @default - none */
  readonly workers?: readonly WorkerSpec[];
  /** Account and region of both stacks. @default - environment-agnostic */
  readonly env?: Environment;
}

export interface Registry {
  readonly data: StatefulStack;
  readonly api: StatelessStack;
}

/** Adds both stacks to `app` and registers the cdk-nag checks on it. */
export function addRegistry(app: App, { settings, workers, env }: RegistryOptions): Registry {
  // Strong (CloudFormation exports): the data stack cannot be deleted while the API still uses it.
  // Removing a reference takes two deployments; docs/deploy.md explains how.
  CrossStackReferences.of(app).consume(ReferenceStrength.STRONG);
  const data = new StatefulStack(app, `${settings.stackPrefix}-Data`, {
    env,
    description: 'Schema registry: table, event bus and user pool (retained on deletion)',
    tableName: settings.tableName,
    userDirectory: settings.jwt ? false : { bootstrapGroups: settings.bootstrapGroups },
  });
  const api = new StatelessStack(app, `${settings.stackPrefix}-Api`, {
    env,
    description: 'Schema registry: HTTP API, functions, workers and alarms',
    table: data.table,
    eventBus: data.eventBus,
    jwt: settings.jwt ?? data.jwtIssuer!,
    logRetention: settings.logRetention,
    functionEnvironment: settings.functionEnvironment,
    throttle: settings.throttle,
    corsOrigins: settings.corsOrigins,
    workers,
    alarmEmail: settings.alarmEmail,
    sinkGrants: settings.sinkGrants,
    ...(data.userDirectory ? { consoleSignIn: { userPool: data.userDirectory.userPool, hostedUiUrl: data.userDirectory.domain.baseUrl() } } : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, api };
}
