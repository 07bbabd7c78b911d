/**
 * The audit trail and the notifications, for the groups that serve only them: a Table and their two
 * stores, without the schema engines and the other services the core composition builds.
 */
import { AuditService } from '../audit/service.js';
import { DesignGuard } from '../dynamo/design-guard.js';
import { Table, type TableDeps } from '../dynamo/table.js';
import { loadEntities } from './entities.js';
import { NotificationService } from '../notifications/service.js';
import { AuditStore } from '../store/audit.js';
import { NotificationStore } from '../store/notifications.js';

export interface FeedServices {
  /** Awaited before the first write of a container: refuses a table of another major schema.yaml version. */
  design: DesignGuard;
  audit: AuditService;
  notifications: NotificationService;
}

export function buildFeedServices(deps: TableDeps): FeedServices {
  const table = new Table(deps, loadEntities);
  return { design: new DesignGuard(table), audit: new AuditService(new AuditStore(table)), notifications: new NotificationService(new NotificationStore(table)) };
}
