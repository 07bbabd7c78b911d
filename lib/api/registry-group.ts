/**
 * A route group served by the registry's services: the deployed function builds them from its
 * environment with the group's own composition (`build`: only the services its routes use, so its
 * bundle holds nothing else), and a group that writes awaits the design guard before each write.
 */
import type { DesignGuard } from '../dynamo/design-guard.js';
import { defaultDeps, type Deps } from '../deps.js';
import type { ContractValidators } from './request-check.js';
import { routeGroup, type TableAccess, type WireFormat } from './route.js';

/**
 * `contracts`: CONTRACTS of the group's generated lib/generated/contracts/group-<name>.ts; `sinks`: the group
 * applies migrations (its function reaches the deployment's sinks); `wire`: it speaks another API.
 */
export function registryGroup<N extends string, S extends { design: DesignGuard }>(
  name: N,
  access: Exclude<TableAccess, 'none' | 'describe'>,
  build: (deps: Deps) => S,
  contracts: ContractValidators,
  options: { sinks?: boolean; wire?: WireFormat } = {},
) {
  return routeGroup({
    name,
    access,
    contracts,
    ...options,
    services: build,
    deployedDeps: defaultDeps,
    ...(access !== 'read' ? { beforeWrite: ({ design }: S) => design.ready() } : {}),
  });
}
