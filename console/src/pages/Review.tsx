/**
 * The review queue: pending requests with their risk; one request's violations by severity, diff,
 * compatibility verdict and migration preview per dialect; approve or reject with a comment. The requester
 * sees no approve button on their own request (the server refuses it anyway). New requests are made here.
 */
import { useState } from 'preact/hooks';
import { api, ApiError, qs, type FieldError } from '../api.js';
import { Badge, ErrorBox, Loading, useLoad, when } from '../components/common.js';
import { Diff } from '../components/Diff.js';
import { Sql } from '../components/Sql.js';
import type { Ctx } from '../main.js';
import { atLeast } from '../roles.js';
import { href, type RouteState } from '../route.js';
import type { MigrationPreview, SchemaRequest, SchemaVersion } from '../types.js';

const RISK_KIND = { low: 'ok', moderate: 'warn', high: 'bad' } as const;
const SEVERITIES = ['error', 'warning', 'info'] as const;
const DIALECTS = ['postgres', 'sqlite', 'mysql'] as const;

export function Review({ ctx, route }: { ctx: Ctx; route: RouteState }) {
  const id = route.parts[1];
  if (id === 'new') return <NewRequest ctx={ctx} />;
  return id ? <RequestDetail ctx={ctx} id={id} /> : <Queue ctx={ctx} route={route} />;
}

function Queue({ ctx, route }: { ctx: Ctx; route: RouteState }) {
  const mine = route.query.get('mine') === '1';
  const list = useLoad(
    () => api<{ items: SchemaRequest[] }>('GET', `schema-requests${qs({ workspace_id: ctx.workspace, ...(mine ? { requester: ctx.session.user } : { status: 'pending' }), limit: '100' })}`),
    [ctx.workspace, mine],
  );
  return (
    <>
      <h1>Review queue</h1>
      <nav aria-label="Queues" class="tabs">
        <a href={href(['review'])} aria-current={!mine ? 'page' : undefined}>Pending</a>
        <a href={href(['review'], { mine: '1' })} aria-current={mine ? 'page' : undefined}>My requests</a>
        {atLeast(ctx.role, 'writer') && <a href={href(['review', 'new'])}>New request</a>}
      </nav>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading what="requests" /> : (
        <table>
          <caption>{mine ? 'Your requests' : 'Pending requests'}, newest first</caption>
          <thead><tr><th scope="col">Schema</th><th scope="col">Status</th><th scope="col">Risk</th><th scope="col">Violations</th><th scope="col">Requester</th><th scope="col">Created</th></tr></thead>
          <tbody>
            {(list.data?.items ?? []).map((r) => (
              <tr key={r.id}>
                <td><a href={href(['review', r.id])}>{r.schema_name}</a></td>
                <td>{r.status}</td>
                <td><Badge kind={RISK_KIND[r.risk]}>{r.risk}</Badge></td>
                <td>{SEVERITIES.map((s) => r.violations.filter((v) => v.severity === s).length).join(' / ')} <small class="muted">(error / warning / info)</small></td>
                <td>{r.requester}</td>
                <td>{when(r.created_at)}</td>
              </tr>
            ))}
            {list.data && !list.data.items.length && <tr><td colSpan={6} class="muted">Nothing here.</td></tr>}
          </tbody>
        </table>
      )}
    </>
  );
}

function RequestDetail({ ctx, id }: { ctx: Ctx; id: string }) {
  const req = useLoad(() => api<SchemaRequest>('GET', `schema-requests/${encodeURIComponent(id)}`), [id]);
  const r = req.data;
  const base = useLoad(async () => {
    if (!r?.diff) return undefined;
    const list = await api<{ items: SchemaVersion[] }>('GET', `schemas${qs({ workspace_id: r.workspace_id, prefix: r.schema_name })}`);
    return list.items.find((s) => s.name === r.schema_name);
  }, [r?.id, !!r?.diff]);
  if (req.error) return <ErrorBox error={req.error} />;
  if (!r) return <Loading what="the request" />;
  return (
    <>
      <p><a href={href(['review'])}>Review queue</a></p>
      <h1>Request for <code>{r.schema_name}</code></h1>
      <dl class="facts">
        <div><dt>Status</dt><dd data-testid="request-status">{r.status}</dd></div>
        <div><dt>Risk</dt><dd><Badge kind={RISK_KIND[r.risk]}>{r.risk}</Badge> {r.risk_reasons.join('; ')}</dd></div>
        <div><dt>Requester</dt><dd>{r.requester}</dd></div>
        <div><dt>Created</dt><dd>{when(r.created_at)}</dd></div>
        {r.justification && <div><dt>Justification</dt><dd>{r.justification}</dd></div>}
        {r.related_issue && <div><dt>Related issue</dt><dd>{r.related_issue}</dd></div>}
        {r.decided_by && <div><dt>Decided by</dt><dd>{r.decided_by}{r.decision_comment ? `: “${r.decision_comment}”` : ''}</dd></div>}
        {r.auto_approval && <div><dt>Auto-approval</dt><dd>{r.auto_approval.decision}: {r.auto_approval.reason}</dd></div>}
      </dl>
      <section aria-labelledby="viol-h">
        <h2 id="viol-h">Policy violations</h2>
        {!r.violations.length && <p>None.</p>}
        {SEVERITIES.map((sev) => {
          const vs = r.violations.filter((v) => v.severity === sev);
          if (!vs.length) return null;
          return (
            <div key={sev} class={`severity severity-${sev}`}>
              <h3>{sev === 'error' ? 'Errors' : sev === 'warning' ? 'Warnings' : 'Suggestions'} ({vs.length})</h3>
              <ul>
                {vs.map((v, i) => (
                  <li key={i}>
                    <Badge kind={sev === 'error' ? 'bad' : sev === 'warning' ? 'warn' : 'info'}>{v.rule}</Badge> {v.message}
                    {v.path && <> at <code>{v.path}</code></>}
                    {v.suggestion && <p class="suggestion">Suggestion: {v.suggestion}</p>}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </section>
      {r.compatibility && (
        <section aria-labelledby="compat-h">
          <h2 id="compat-h">Compatibility</h2>
          <p>
            <Badge kind={r.compatibility.compatible ? 'ok' : 'bad'}>{r.compatibility.compatible ? 'compatible' : 'incompatible'}</Badge> under {r.compatibility.compatibility}, checked against version{r.compatibility.checked_against.length === 1 ? '' : 's'} {r.compatibility.checked_against.join(', ')}.
          </p>
          {r.compatibility.breaking_changes.length > 0 && <ul>{r.compatibility.breaking_changes.map((c, i) => <li key={i}><code>{c.type}</code> at <code>{c.path}</code>: {c.explanation}</li>)}</ul>}
        </section>
      )}
      {r.diff && (
        <section aria-labelledby="rdiff-h">
          <h2 id="rdiff-h">Changes against the latest version</h2>
          <Diff before={base.data?.definition ?? {}} after={r.proposal.definition ?? r.proposal.table} changes={r.diff.changes} beforeTitle={base.data ? `${r.schema_name} v${base.data.version}` : 'latest'} afterTitle="proposed" />
        </section>
      )}
      {!r.diff && (
        <section aria-labelledby="prop-h">
          <h2 id="prop-h">Proposed {r.proposal.table ? 'table' : 'definition'}</h2>
          <pre tabIndex={0} class="mono">{JSON.stringify(r.proposal.table ?? r.proposal.definition, null, 2)}</pre>
        </section>
      )}
      <Migrations r={r} />
      <Decide ctx={ctx} r={r} onDone={req.set} />
      <Apply ctx={ctx} r={r} onDone={req.set} />
    </>
  );
}

function Migrations({ r }: { r: SchemaRequest }) {
  const [dialect, setDialect] = useState<(typeof DIALECTS)[number]>('postgres');
  const m = useLoad(async () => (r.migration_preview ? api<MigrationPreview>('GET', `schema-requests/${r.id}/migration?dialect=${dialect}`) : undefined), [r.id, dialect]);
  return (
    <section aria-labelledby="mig-h">
      <h2 id="mig-h">Migration preview</h2>
      {!r.migration_preview ? <p class="muted">{r.migration_note ?? 'No relational migration for this proposal.'}</p> : (
        <>
          <div role="tablist" aria-label="SQL dialect" class="tabs">
            {DIALECTS.map((d) => (
              <button key={d} type="button" role="tab" aria-selected={d === dialect} aria-controls="mig-panel" onClick={() => setDialect(d)}>{d}</button>
            ))}
          </div>
          <div id="mig-panel" role="tabpanel" aria-label={`${dialect} migration`}>
            <ErrorBox error={m.error} />
            {m.data && (
              <>
                <p><code>{m.data.file_name}</code> {m.data.reversible ? <Badge kind="ok">reversible</Badge> : <Badge kind="warn">down loses data</Badge>}</p>
                <div class="two-col">
                  <div><h3>Up</h3><Sql sql={m.data.up_sql} label={`${dialect} up migration`} /></div>
                  <div><h3>Down</h3><Sql sql={m.data.down_sql} label={`${dialect} down migration`} /></div>
                </div>
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function Decide({ ctx, r, onDone }: { ctx: Ctx; r: SchemaRequest; onDone: (updated: SchemaRequest) => void }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error | undefined>();
  const own = r.requester === ctx.session.user;
  const canReview = atLeast(ctx.session.workspaces[r.workspace_id], 'reviewer') && !own;
  const act = async (status: string) => {
    try {
      const updated = await api<SchemaRequest>('PATCH', `schema-requests/${r.id}`, { status, ...(comment ? { comment } : {}) });
      setError(undefined);
      onDone(updated);
    } catch (e) {
      setError(e as Error);
    }
  };
  if (r.status !== 'pending' && r.status !== 'draft') return null;
  return (
    <section aria-labelledby="decide-h">
      <h2 id="decide-h">Decision</h2>
      <ErrorBox error={error} />
      {own && <p class="notice" data-testid="own-request">This is your own request: someone else must review it.</p>}
      <form onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="decision-comment">Comment</label>
          <textarea id="decision-comment" rows={3} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
        </div>
        <div class="actions">
          {canReview && r.status === 'pending' && (
            <>
              <button type="button" class="primary" onClick={() => void act('approved')}>Approve</button>
              <button type="button" class="danger" onClick={() => void act('rejected')}>Reject</button>
            </>
          )}
          {own && r.status === 'draft' && <button type="button" onClick={() => void act('pending')}>Submit for review</button>}
          {own && <button type="button" onClick={() => void act('withdrawn')}>Withdraw</button>}
        </div>
      </form>
    </section>
  );
}

const APPROVED = ['approved', 'migrated', 'migration_failed', 'rolled_back'];

/** Apply or roll back an approved request on the workspace's default sink (reviewers, never the requester). */
function Apply({ ctx, r, onDone }: { ctx: Ctx; r: SchemaRequest; onDone: (updated: SchemaRequest) => void }) {
  const [error, setError] = useState<Error | undefined>();
  const [busy, setBusy] = useState(false);
  const canRun = atLeast(ctx.session.workspaces[r.workspace_id], 'reviewer') && r.requester !== ctx.session.user;
  if (!APPROVED.includes(r.status) || !r.migration_preview) return null;
  const run = async (operation: 'apply' | 'rollback') => {
    setBusy(true);
    try {
      const { request } = await api<{ request: SchemaRequest }>('POST', `schema-requests/${r.id}/migration/${operation}`, {});
      setError(undefined);
      onDone(request);
    } catch (e) {
      setError(e as Error);
      // A failed attempt is recorded on the request: show its new state beside the error.
      onDone(await api<SchemaRequest>('GET', `schema-requests/${r.id}`));
    } finally {
      setBusy(false);
    }
  };
  const state = r.migrations?.default;
  return (
    <section aria-labelledby="apply-h">
      <h2 id="apply-h">Table on the default sink</h2>
      <ErrorBox error={error} />
      <p data-testid="migration-state">{state ? `${state.state} (${state.dialect}${state.namespace ? `, schema ${state.namespace}` : ''}) by ${state.by}, ${when(state.at)}` : 'not applied yet'}</p>
      {state?.failed_statement && <pre tabIndex={0} class="mono" aria-label="failing statement">{state.failed_statement}</pre>}
      {canRun && (
        <div class="actions">
          {r.status !== 'migrated' && <button type="button" class="primary" disabled={busy} onClick={() => void run('apply')}>Apply</button>}
          {r.status === 'migrated' && <button type="button" class="danger" disabled={busy} onClick={() => void run('rollback')}>Roll back</button>}
        </div>
      )}
    </section>
  );
}

const TABLE_EXAMPLE = `{
  "columns": [
    { "name": "id", "type": "uuid", "primary_key": true, "default": "gen_random_uuid()" },
    { "name": "user_id", "type": "text" },
    { "name": "created_at", "type": "timestamptz", "default": "now()" }
  ],
  "indexes": [{ "columns": ["user_id"] }]
}`;

function NewRequest({ ctx }: { ctx: Ctx }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'table' | 'definition'>('table');
  const [body, setBody] = useState(TABLE_EXAMPLE);
  const [justification, setJustification] = useState('');
  const [problem, setProblem] = useState<{ text: string; errors?: FieldError[] } | undefined>();
  const submit = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (e) {
      setProblem({ text: `The ${kind} is not JSON: ${(e as Error).message}` });
      return;
    }
    try {
      const r = await api<SchemaRequest>('POST', 'schema-requests', { workspace_id: ctx.workspace, schema_name: name, [kind]: parsed, ...(justification ? { justification } : {}) });
      location.hash = href(['review', r.id]);
    } catch (e) {
      setProblem({ text: (e as Error).message, errors: e instanceof ApiError ? e.problem.errors : undefined });
    }
  };
  return (
    <>
      <p><a href={href(['review'])}>Review queue</a></p>
      <h1>New schema request</h1>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div class="field">
          <label for="req-name">Schema name</label>
          <input id="req-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <fieldset>
          <legend>Proposal</legend>
          <div class="field-check"><input type="radio" id="kind-table" name="kind" checked={kind === 'table'} onChange={() => { setKind('table'); setBody(TABLE_EXAMPLE); }} /><label for="kind-table">A table (columns and indexes)</label></div>
          <div class="field-check"><input type="radio" id="kind-def" name="kind" checked={kind === 'definition'} onChange={() => { setKind('definition'); setBody('{\n  "type": "object",\n  "properties": {}\n}'); }} /><label for="kind-def">A JSON Schema definition</label></div>
          <label for="req-body">{kind === 'table' ? 'Table' : 'Definition'} (JSON)</label>
          <textarea id="req-body" class="mono" rows={12} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        </fieldset>
        <div class="field">
          <label for="req-just">Justification</label>
          <textarea id="req-just" rows={2} value={justification} onInput={(e) => setJustification(e.currentTarget.value)} />
        </div>
        {problem && (
          <div class="error" role="alert">
            <p>{problem.text}</p>
            {problem.errors && <ul>{problem.errors.map((er, i) => <li key={i}><code>{er.path || '/'}</code>: {er.message}</li>)}</ul>}
          </div>
        )}
        <button type="submit" class="primary">Submit request</button>
      </form>
    </>
  );
}
