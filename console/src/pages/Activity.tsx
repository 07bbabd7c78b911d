/**
 * Activity: the workspace's audit feed (admins) filtered by entity and time, the auto-create log chart
 * (admins), and the signed-in user's notifications, marked read.
 */
import { useState } from 'preact/hooks';
import { api, qs } from '../api.js';
import { DayChart, type DayCounts } from '../components/Chart.js';
import { ErrorBox, Loading, useLoad, when } from '../components/common.js';
import type { Ctx } from '../main.js';
import { atLeast } from '../roles.js';
import type { RouteState } from '../route.js';
import type { AuditEvent, AutoCreateLogEntry, Notification } from '../types.js';

/** "request_approved: caricatures (v1)" from the subject's usual members, else its JSON. */
const describe = (n: Notification) => {
  const s = (n.subject ?? {}) as Record<string, unknown>;
  const name = s.schema_name ?? s.name;
  const extra = [s.version !== undefined ? `v${String(s.version)}` : '', s.comment ? `“${String(s.comment)}”` : ''].filter(Boolean).join(' ');
  return `${n.kind.replace(/[._]/g, ' ')}${name ? `: ${String(name)}` : ` ${JSON.stringify(n.subject)}`}${extra ? ` ${extra}` : ''}`;
};

const ENTITY_TYPES = ['schema', 'schema_version', 'schema_request', 'workspace', 'sink'];

export function Activity({ ctx }: { ctx: Ctx; route: RouteState }) {
  return (
    <>
      <h1>Activity</h1>
      <Notifications />
      <AutoCreateLog ctx={ctx} />
      {atLeast(ctx.role, 'admin') ? <AuditFeed ctx={ctx} /> : <p class="muted">The audit feed needs the admin role in {ctx.workspace}.</p>}
    </>
  );
}

function AuditFeed({ ctx }: { ctx: Ctx }) {
  const [type, setType] = useState('');
  const [id, setId] = useState('');
  const [since, setSince] = useState('');
  const [applied, setApplied] = useState({ type: '', id: '', since: '' });
  const feed = useLoad(
    () =>
      api<{ items: AuditEvent[] }>(
        'GET',
        `audit${qs({ workspace_id: ctx.workspace, entity_type: applied.type || undefined, entity_id: applied.type && applied.id ? applied.id : undefined, since: applied.since ? new Date(applied.since).toISOString() : undefined, limit: '500' })}`,
      ),
    [ctx.workspace, applied.type, applied.id, applied.since],
  );
  const items = [...(feed.data?.items ?? [])].reverse();
  return (
    <section aria-labelledby="audit-h">
      <h2 id="audit-h">Audit feed</h2>
      <form class="inline" onSubmit={(e) => { e.preventDefault(); setApplied({ type, id, since }); }}>
        <label for="audit-type">Entity</label>
        <select id="audit-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
          <option value="">all</option>
          {ENTITY_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
        <label for="audit-id">Entity id</label>
        <input id="audit-id" value={id} disabled={!type} onInput={(e) => setId(e.currentTarget.value)} />
        <label for="audit-since">Since</label>
        <input id="audit-since" type="datetime-local" value={since} onInput={(e) => setSince(e.currentTarget.value)} />
        <button type="submit">Filter</button>
      </form>
      <ErrorBox error={feed.error} />
      {feed.loading && !feed.data ? <Loading what="the audit feed" /> : (
        <table class="audit">
          <caption>Newest first</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Entity</th><th scope="col">Change</th></tr></thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>{when(e.at)}</td>
                <td>{e.actor}</td>
                <td><code>{e.action}</code></td>
                <td>{e.entity_type} <small class="muted">{e.entity_id}</small></td>
                <td><small class="mono">{summary(e)}</small></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const summary = (e: AuditEvent) => [e.before && `from ${JSON.stringify(e.before)}`, e.after && `to ${JSON.stringify(e.after)}`, e.details && JSON.stringify(e.details)].filter(Boolean).join(' ').slice(0, 240);

/** The newest entries of the workspace's auto-create log, counted per day, oldest day first. */
function perDay(entries: AutoCreateLogEntry[]): DayCounts[] {
  const days = new Map<string, DayCounts>();
  for (const e of entries) {
    const day = e.created_at.slice(0, 10);
    const d = days.get(day) ?? { day, created: 0, skipped: 0, failed: 0 };
    d[e.action] += 1;
    days.set(day, d);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** The auto-create log (admins): what the worker created, skipped or failed to create, per day. */
function AutoCreateLog({ ctx }: { ctx: Ctx }) {
  const admin = atLeast(ctx.role, 'admin');
  const log = useLoad(async () => (admin ? api<{ items: AutoCreateLogEntry[] }>('GET', `workspaces/${encodeURIComponent(ctx.workspace)}/auto-create-log${qs({ limit: '500' })}`) : undefined), [ctx.workspace, admin]);
  if (!admin) return null;
  return (
    <section aria-labelledby="auto-h">
      <h2 id="auto-h">Auto-create log</h2>
      <ErrorBox error={log.error} />
      {log.data && (log.data.items.length ? <DayChart days={perDay(log.data.items)} title="Auto-created, skipped and failed requests per day" /> : <p class="muted">Nothing auto-created yet: a workspace turns it on with auto_create in its policies.</p>)}
    </section>
  );
}

function Notifications() {
  const [all, setAll] = useState(false);
  const list = useLoad(() => api<{ items: Notification[] }>('GET', `notifications${all ? '' : '?delivered=false'}`), [all]);
  const [error, setError] = useState<Error | undefined>();
  const markRead = async (id: string) => {
    try {
      await api('PATCH', `notifications/${encodeURIComponent(id)}`, { delivered: true });
      list.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <section aria-labelledby="notif-h">
      <h2 id="notif-h">Your notifications</h2>
      <div class="field-check"><input type="checkbox" id="notif-all" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} /><label for="notif-all">Show read ones too</label></div>
      <ErrorBox error={list.error ?? error} />
      {list.loading && !list.data ? <Loading what="notifications" /> : (
        <ul class="plain notifications">
          {(list.data?.items ?? []).map((n) => (
            <li key={n.id} class={n.delivered ? 'read' : 'unread'}>
              <span>{describe(n)}</span> <small class="muted">{n.workspace_id}</small> <small class="muted">{when(n.created_at)}</small>{' '}
              {!n.delivered && <button type="button" class="small" onClick={() => void markRead(n.id)}>Mark read</button>}
            </li>
          ))}
          {list.data && !list.data.items.length && <li class="muted">No {all ? '' : 'unread '}notifications.</li>}
        </ul>
      )}
    </section>
  );
}
