/** The Confluent-compatible API's services (/apis/ccompat/v7), on the core services' stores. */
import { CcompatConfig } from '../ccompat/config.js';
import { CcompatService } from '../ccompat/service.js';
import type { EngineRegistry } from '../engines/registry.js';
import { buildCoreServices, type CoreDeps, type CoreServices } from './core.js';

export interface CcompatServices extends CoreServices {
  ccompat: CcompatService;
  ccompatConfig: CcompatConfig;
}

export function buildCcompatServices(deps: CoreDeps, engines?: EngineRegistry): CcompatServices {
  const core = buildCoreServices(deps, engines);
  const ccompat = new CcompatService({ schemas: core.schemas, store: core.stores.schemas, ids: core.stores.ccompat, engines: core.engines, now: deps.now });
  return { ...core, ccompat, ccompatConfig: new CcompatConfig({ ccompat, schemas: core.schemas, workspaces: core.workspaces }) };
}
