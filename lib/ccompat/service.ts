/**
 * The Confluent-compatible API over the registry's own services: subjects are schemas of a workspace
 * (lib/ccompat/subjects.ts), registering is publishing (same checks, same audit), soft deletes disable
 * versions, and each distinct content of a workspace gets one integer id (lib/store/ccompat-ids.ts). The
 * reads are lib/ccompat/reads.ts; this adds what changes a subject.
 */
import { authorize, type Principal } from '../auth/principal.js';
import type { Json } from '../engines/types.js';
import { ConflictError } from '../errors.js';
import { OperationNotPermittedError, SubjectNotFoundError } from './errors.js';
import { CcompatReads } from './reads.js';
import type { Subject } from './subjects.js';

export class CcompatService extends CcompatReads {
  /** Publishes the schema to the subject (or finds it there) and answers its id. */
  async register(principal: Principal, s: Subject, content: { engine: string; definition: Json }): Promise<{ id: number }> {
    authorize(principal, s.workspace, 'admin', 'subject');
    await this.claim(s);
    const { version } = await this.d.schemas.publish(principal, { workspace_id: s.workspace, name: s.name, ...content });
    // Registering a soft-deleted schema again brings it back, as Confluent does.
    if (version.state === 'disabled') await this.d.schemas.setState(principal, version.id, 'active');
    return { id: await this.idsOf.idOf({ ...version, workspace_id: s.workspace }) };
  }

  /** Soft delete: the version is disabled (payloads refused, hidden here); answers its number. */
  async deleteVersion(principal: Principal, s: Subject, v: number | 'latest', permanent: boolean): Promise<number> {
    refusePermanent(permanent);
    const item = await this.versionItem(principal, s, v, false, 'admin');
    await this.d.schemas.setState(principal, item.id, 'disabled');
    return item.version;
  }

  async deleteSubject(principal: Principal, s: Subject, permanent: boolean): Promise<number[]> {
    refusePermanent(permanent);
    await this.head(principal, s, 'admin');
    const live = await this.versionItems(s, false);
    if (live.length === 0) throw new SubjectNotFoundError('subject not found');
    for (const item of live) await this.d.schemas.setState(principal, item.id, 'disabled');
    return live.map((v) => v.version);
  }

  /**
   * Records the subject's spelling on first registration; another spelling of the same schema is a 409,
   * so `orders-value` and `orders.value` never share versions.
   */
  private async claim(s: Subject): Promise<void> {
    const item = { workspace_id: s.workspace, name: s.name, subject: s.subject, created_at: this.d.now().toISOString() };
    if (await this.d.ids.createSubject(item)) return;
    const held = await this.d.ids.subject(s.workspace, s.name);
    if (held && held.subject !== s.subject) {
      throw new ConflictError(`subject ${s.subject} maps to schema ${s.name}, which subject ${held.subject} already uses; register under ${held.subject} or another name`);
    }
  }
}

function refusePermanent(permanent: boolean): void {
  if (permanent) throw new OperationNotPermittedError('versions are immutable and never deleted (the audit trail and payloads keep pointing at them); a soft delete (without permanent=true) disables them');
}
