/**
 * Confluent's `/config`, `/mode` and `/compatibility` over the registry's settings: the workspace's default
 * compatibility is the global level, a schema's own mode its subject's; the only mode is READWRITE.
 */
import { authorize, type Principal } from '../auth/principal.js';
import type { Json } from '../engines/types.js';
import { COMPATIBILITY_MODES, type Compatibility } from '../schemas/compatibility.js';
import type { SchemaService } from '../schemas/service.js';
import type { WorkspaceService } from '../workspaces/service.js';
import { InvalidCompatibilityLevelError, InvalidModeError } from './errors.js';
import type { CcompatService } from './service.js';
import type { Subject } from './subjects.js';

export const MODE = 'READWRITE';

function level(raw: string): Compatibility {
  const mode = raw.toUpperCase() as Compatibility;
  if (!COMPATIBILITY_MODES.includes(mode)) throw new InvalidCompatibilityLevelError(`compatibility level ${JSON.stringify(raw.slice(0, 40))} is not one of ${COMPATIBILITY_MODES.join(', ')}`);
  return mode;
}

export class CcompatConfig {
  constructor(private readonly d: { ccompat: CcompatService; schemas: SchemaService; workspaces: WorkspaceService }) {}

  /** The level of a workspace (Confluent's global level), or of a subject. */
  async get(principal: Principal, of: string | Subject): Promise<{ compatibilityLevel: Compatibility }> {
    if (typeof of === 'string') return { compatibilityLevel: (await this.d.workspaces.config(principal, of)).compatibility };
    const head = await this.d.ccompat.head(principal, of);
    return { compatibilityLevel: (await this.d.schemas.config(principal, head.latest_version_id)).compatibility };
  }

  async set(principal: Principal, of: string | Subject, raw: string): Promise<{ compatibility: Compatibility }> {
    const compatibility = level(raw);
    if (typeof of === 'string') await this.d.workspaces.setConfig(principal, of, { compatibility });
    else await this.d.schemas.setConfig(principal, (await this.d.ccompat.head(principal, of, 'admin')).latest_version_id, { compatibility });
    return { compatibility };
  }

  mode(principal: Principal, workspace: string): { mode: string } {
    authorize(principal, workspace, 'reader', 'workspace');
    return { mode: MODE };
  }

  setMode(principal: Principal, workspace: string, mode: string): { mode: string } {
    authorize(principal, workspace, 'admin', 'workspace');
    if (mode !== MODE) throw new InvalidModeError(`mode ${JSON.stringify(mode.slice(0, 40))} is not supported: the registry is always ${MODE}`);
    return { mode };
  }

  /**
   * Whether the schema could be registered to the subject now (the check a publish makes, under the
   * subject's mode); `verbose` adds the breaking changes.
   */
  async check(principal: Principal, s: Subject, version: number | 'latest', content: { engine: string; definition: Json }, verbose: boolean) {
    await this.d.ccompat.versionItem(principal, s, version);
    const run = await this.d.schemas.dryRun(principal, { workspace_id: s.workspace, name: s.name, ...content });
    const messages = (run.compatibility?.breaking_changes ?? []).map((c) => `${c.type} at ${c.path || '/'} against version ${c.against_version}: ${c.explanation}`);
    return { is_compatible: run.compatible, ...(verbose ? { messages } : {}) };
  }
}
