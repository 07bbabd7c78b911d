/**
 * How a request change is written: the request's new item (conditional on it being as read), its audit
 * event and any notifications, in one transaction.
 */
import type { Clock, Transactor, TransactItem } from '../dynamo/table.js';
import type { SchemaRequestItem } from '../generated/table.js';
import type { AuditStore } from '../store/audit.js';
import type { NotificationStore } from '../store/notifications.js';
import type { SchemaRequestStore } from '../store/requests.js';

export interface RequestStores {
  requests: SchemaRequestStore;
  audit: AuditStore;
  notifications: NotificationStore;
}

export class RequestChanges {
  constructor(
    readonly stores: RequestStores,
    private readonly tx: Transactor,
    readonly clock: Clock,
  ) {}

  /** The request's next item, conditional on nobody having changed it since it was read. */
  update(next: SchemaRequestItem, current: SchemaRequestItem): TransactItem {
    return this.stores.requests.update(next, current);
  }

  audit(actor: string, request: Pick<SchemaRequestItem, 'workspace_id' | 'id' | 'schema_name'>, action: string, before: unknown, after: unknown): TransactItem {
    return this.stores.audit.put({ workspace_id: request.workspace_id, actor, action, entity_type: 'schema_request', entity_id: request.id, before, after, details: { schema_name: request.schema_name } });
  }

  /** A notification to the request's requester. */
  notify(request: Pick<SchemaRequestItem, 'requester' | 'workspace_id'>, kind: string, subject: unknown): TransactItem {
    return this.stores.notifications.put(request.requester, request.workspace_id, kind, subject);
  }

  async commit(items: TransactItem[]): Promise<void> {
    await this.tx.transactOrConflict(items, 'the request or its schema changed while this decision was made; read it again');
  }
}
