/**
 * A route group served by the registry's services: the deployed function builds them from its
 * environment, and a group that writes awaits the design guard before each write.
 */
import { defaultDeps, type Deps } from '../deps.js';
import { buildServices } from '../registry.js';
import { routeGroup, type TableAccess, type WireFormat } from './route.js';

/** `sinks`: the group applies migrations (its function reaches the deployment's sinks); `wire`: it speaks another API. */
export function registryGroup<N extends string>(name: N, access: Exclude<TableAccess, 'none' | 'describe'>, options: { sinks?: boolean; wire?: WireFormat } = {}) {
  return routeGroup({
    name,
    access,
    ...options,
    services: (deps: Deps) => buildServices(deps),
    deployedDeps: defaultDeps,
    ...(access !== 'read' ? { beforeWrite: ({ design }: ReturnType<typeof buildServices>) => design.ready() } : {}),
  });
}
