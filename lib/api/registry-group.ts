/**
 * A route group served by the registry's services: the deployed function builds them from its
 * environment, and a group that writes awaits the design guard before each write.
 */
import { defaultDeps, type Deps } from '../deps.js';
import { buildServices } from '../registry.js';
import { routeGroup, type TableAccess } from './route.js';

export function registryGroup<N extends string>(name: N, access: Exclude<TableAccess, 'none' | 'describe'>) {
  return routeGroup({
    name,
    access,
    services: (deps: Deps) => buildServices(deps),
    deployedDeps: defaultDeps,
    ...(access !== 'read' ? { beforeWrite: ({ design }: ReturnType<typeof buildServices>) => design.ready() } : {}),
  });
}
