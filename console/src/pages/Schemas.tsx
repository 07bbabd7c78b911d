/** Schemas: search by name and field, publish, and one schema's versions, fields, diff, settings and states. */
import { useState } from 'preact/hooks';
import { api, ApiError, qs, type FieldError } from '../api.js';
import { Badge, ErrorBox, Loading, useLoad, when } from '../components/common.js';
import { Confirm } from '../components/Confirm.js';
import { Diff } from '../components/Diff.js';
import type { Ctx } from '../main.js';
import { atLeast } from '../roles.js';
import { href, type RouteState } from '../route.js';
import type { Change, FieldDescription as Field, Page, SchemaVersion } from '../types.js';

/** Every property name in a definition, however deep (for the search by field). */
export function fieldNames(def: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(def)) def.forEach((d) => fieldNames(d, out));
  else if (def && typeof def === 'object') {
    for (const [k, v] of Object.entries(def)) {
      if ((k === 'properties' || k === 'patternProperties') && v && typeof v === 'object') Object.keys(v).forEach((n) => out.add(n));
      fieldNames(v, out);
    }
  }
  return out;
}

export const stateBadge = (state: string) => <Badge kind={state === 'active' ? 'ok' : state === 'deprecated' ? 'warn' : 'bad'}>{state}</Badge>;

export function Schemas({ ctx, route }: { ctx: Ctx; route: RouteState }) {
  return route.parts[1] ? <SchemaDetail ctx={ctx} id={route.parts[1]} route={route} /> : <SchemaList ctx={ctx} />;
}

function SchemaList({ ctx }: { ctx: Ctx }) {
  const [name, setName] = useState('');
  const [field, setField] = useState('');
  const list = useLoad(() => api<Page<SchemaVersion>>('GET', `schemas${qs({ workspace_id: ctx.workspace, prefix: name.toLowerCase() || undefined, limit: '500' })}`), [ctx.workspace, name]);
  const f = field.trim().toLowerCase();
  const items = (list.data?.items ?? []).filter((s) => !f || [...fieldNames(s.definition)].some((n) => n.toLowerCase().includes(f)));
  return (
    <>
      <h1>Schemas</h1>
      <form class="search" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="search-name">Name starts with</label>
          <input id="search-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="search-field">Has a field named</label>
          <input id="search-field" value={field} onInput={(e) => setField(e.currentTarget.value)} />
        </div>
      </form>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? (
        <Loading what="schemas" />
      ) : (
        <table>
          <caption>{items.length} schema{items.length === 1 ? '' : 's'} in {ctx.workspace}</caption>
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Latest version</th><th scope="col">State</th><th scope="col">Fields</th><th scope="col">Published</th></tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td><a href={href(['schemas', s.id])}>{s.name}</a></td>
                <td>{s.version}</td>
                <td>{stateBadge(s.state)}</td>
                <td>{[...fieldNames(s.definition)].slice(0, 8).join(', ')}</td>
                <td>{when(s.created_at)} by {s.created_by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {atLeast(ctx.role, 'admin') ? <Publish ctx={ctx} onPublished={list.reload} /> : <p class="muted">Publishing directly needs the admin role; writers propose schemas in the <a href={href(['review', 'new'])}>review queue</a>.</p>}
    </>
  );
}

/** The engines the registry ships (lib/engines/registry.ts). */
const ENGINES = ['json-schema', 'avro', 'protobuf'];

function Publish({ ctx, onPublished }: { ctx: Ctx; onPublished: () => void }) {
  const [name, setName] = useState('');
  const [definition, setDefinition] = useState('{\n  "type": "object",\n  "required": ["id"],\n  "properties": {\n    "id": { "type": "string" }\n  }\n}');
  const [engine, setEngine] = useState('json-schema');
  const [result, setResult] = useState<{ ok: boolean; text: string; errors?: FieldError[]; breaking?: Change[] } | undefined>();
  const submit = async (dryRun: boolean) => {
    // JSON when it starts as JSON does; otherwise the text itself, for engines with their own language (.proto).
    let def: unknown = definition;
    if (/^\s*[[{"]/.test(definition)) {
      try {
        def = JSON.parse(definition);
      } catch (e) {
        setResult({ ok: false, text: `The definition is not JSON: ${(e as Error).message}` });
        return;
      }
    }
    try {
      const r = await api<any>('POST', `schemas${dryRun ? '?dry_run=true' : ''}`, { workspace_id: ctx.workspace, name, definition: def, engine });
      if (dryRun) setResult({ ok: r.compatible, text: r.compatible ? `Compatible: would create version ${r.would_create_version}.` : 'Not compatible.', breaking: r.compatibility?.breaking_changes });
      else {
        setResult({ ok: true, text: `Published ${r.name} version ${r.version}.` });
        onPublished();
      }
    } catch (e) {
      const p = e instanceof ApiError ? e.problem : {};
      setResult({ ok: false, text: (e as Error).message, errors: p.errors, breaking: p.breaking_changes as Change[] | undefined });
    }
  };
  return (
    <section aria-labelledby="publish-h">
      <h2 id="publish-h">Publish a version</h2>
      <form onSubmit={(e) => { e.preventDefault(); void submit(false); }}>
        <div class="field">
          <label for="pub-name">Schema name</label>
          <small id="pub-name-help">snake_case; an existing name gets its next version.</small>
          <input id="pub-name" aria-describedby="pub-name-help" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="pub-engine">Engine</label>
          <small id="pub-engine-help">of a new schema; an existing one keeps its own.</small>
          <select id="pub-engine" aria-describedby="pub-engine-help" value={engine} onChange={(e) => setEngine(e.currentTarget.value)}>
            {ENGINES.map((e) => <option key={e} value={e}>{e}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="pub-def">Definition (JSON, or the .proto source)</label>
          <textarea id="pub-def" class="mono" rows={10} value={definition} onInput={(e) => setDefinition(e.currentTarget.value)} />
        </div>
        <div class="actions">
          <button type="submit" class="primary">Publish</button>
          <button type="button" onClick={() => void submit(true)}>Check compatibility only</button>
        </div>
      </form>
      {result && (
        <div role="status" class={result.ok ? 'notice' : 'error'}>
          <p>{result.text}</p>
          {result.errors && <ul>{result.errors.map((er, i) => <li key={i}><code>{er.path || '/'}</code>: {er.message}</li>)}</ul>}
          {result.breaking && result.breaking.length > 0 && <ul>{result.breaking.map((c, i) => <li key={i}><code>{c.type}</code> at <code>{c.path}</code>: {c.explanation}</li>)}</ul>}
        </div>
      )}
    </section>
  );
}

const COMPAT = ['NONE', 'BACKWARD', 'FORWARD', 'FULL', 'BACKWARD_TRANSITIVE', 'FORWARD_TRANSITIVE', 'FULL_TRANSITIVE'];

function SchemaDetail({ ctx, id, route }: { ctx: Ctx; id: string; route: RouteState }) {
  const versions = useLoad(() => api<Page<SchemaVersion>>('GET', `schemas/${encodeURIComponent(id)}/versions?limit=500`), [id]);
  const all = versions.data?.items ?? [];
  const current = all.find((v) => v.id === id);
  const fields = useLoad(() => api<{ fields: Field[] }>('GET', `schemas/${encodeURIComponent(id)}/fields`), [id]);
  const [pending, setPending] = useState<{ v: SchemaVersion; state: SchemaVersion['state'] } | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const admin = atLeast(ctx.role, 'admin');
  const changeState = async () => {
    if (!pending) return;
    setPending(undefined);
    try {
      await api('PATCH', `schemas/${pending.v.id}`, { state: pending.state });
      setError(undefined);
      versions.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  if (versions.error) return <ErrorBox error={versions.error} />;
  if (!current) return <Loading what="the schema" />;
  return (
    <>
      <p><a href={href(['schemas'])}>All schemas</a></p>
      <h1>{current.name} <small>version {current.version}</small></h1>
      <p>Engine {current.engine}. <a href={href(['payloads'], { schema: current.id })}>Payloads of this version</a></p>
      <ErrorBox error={error} />
      <section aria-labelledby="versions-h">
        <h2 id="versions-h">Versions</h2>
        <table>
          <thead><tr><th scope="col">Version</th><th scope="col">State</th><th scope="col">Published</th>{admin && <th scope="col">Change state</th>}</tr></thead>
          <tbody>
            {all.map((v) => (
              <tr key={v.id} class={v.id === id ? 'current' : ''}>
                <td><a href={href(['schemas', v.id])} aria-current={v.id === id ? 'page' : undefined}>v{v.version}</a></td>
                <td>{stateBadge(v.state)}</td>
                <td>{when(v.created_at)} by {v.created_by}</td>
                {admin && (
                  <td>
                    {(['active', 'deprecated', 'disabled'] as const).filter((s) => s !== v.state).map((s) => (
                      <button key={s} type="button" class={`small${s === 'disabled' ? ' danger' : ''}`} onClick={() => setPending({ v, state: s })}>
                        {s === 'active' ? 'Activate' : s === 'deprecated' ? 'Deprecate' : 'Disable'} v{v.version}
                      </button>
                    ))}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        <Confirm open={!!pending} title={`Mark ${current.name} v${pending?.v.version ?? ''} ${pending?.state ?? ''}?`} confirmLabel={`Yes, mark it ${pending?.state ?? ''}`} onConfirm={() => void changeState()} onCancel={() => setPending(undefined)}>
          <p>
            {pending?.state === 'disabled' ? 'Payload writes against this version will be refused (409); reads keep working.'
              : pending?.state === 'deprecated' ? 'Payload writes stay accepted, answered with a Deprecation header.'
              : 'Payload writes are accepted again.'}
          </p>
        </Confirm>
      </section>
      <section aria-labelledby="fields-h">
        <h2 id="fields-h">Fields of v{current.version}</h2>
        <ErrorBox error={fields.error} />
        <table>
          <thead><tr><th scope="col">Path</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Format / values</th><th scope="col">Default</th><th scope="col">Description</th></tr></thead>
          <tbody>
            {(fields.data?.fields ?? []).map((f) => (
              <tr key={f.path}>
                <td><code>{f.path}</code></td>
                <td>{f.types.join(' | ')}{f.nullable ? ' | null' : ''}</td>
                <td>{f.required ? 'yes' : ''}</td>
                <td>{f.format ?? (f.enum ? f.enum.map((e) => JSON.stringify(e)).join(', ') : '')}</td>
                <td>{f.default === undefined ? '' : <code>{JSON.stringify(f.default)}</code>}</td>
                <td>{f.description ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <VersionDiff versions={all} route={route} />
      <Config ctx={ctx} id={id} />
    </>
  );
}

function VersionDiff({ versions, route }: { versions: SchemaVersion[]; route: RouteState }) {
  const [from, setFrom] = useState(route.query.get('from') ?? versions[versions.length - 2]?.id ?? '');
  const [to, setTo] = useState(route.query.get('to') ?? versions[versions.length - 1]?.id ?? '');
  const [shown, setShown] = useState<{ from: string; to: string } | undefined>();
  const diff = useLoad(async () => (shown ? api<{ changes: Change[] }>('GET', `schemas/${shown.to}/diff?against=${shown.from}`) : undefined), [shown?.from, shown?.to]);
  if (versions.length < 2) return <section><h2>Compare versions</h2><p class="muted">Only one version so far.</p></section>;
  const byId = (id: string) => versions.find((v) => v.id === id);
  return (
    <section aria-labelledby="diff-h">
      <h2 id="diff-h">Compare versions</h2>
      <form class="inline" onSubmit={(e) => { e.preventDefault(); setShown({ from, to }); }}>
        <label for="diff-from">From</label>
        <select id="diff-from" value={from} onChange={(e) => setFrom(e.currentTarget.value)}>{versions.map((v) => <option key={v.id} value={v.id}>v{v.version}</option>)}</select>
        <label for="diff-to">to</label>
        <select id="diff-to" value={to} onChange={(e) => setTo(e.currentTarget.value)}>{versions.map((v) => <option key={v.id} value={v.id}>v{v.version}</option>)}</select>
        <button type="submit">Show diff</button>
      </form>
      <ErrorBox error={diff.error} />
      {shown && diff.data && (
        <Diff before={byId(shown.from)?.definition} after={byId(shown.to)?.definition} changes={diff.data.changes} beforeTitle={`v${byId(shown.from)?.version}`} afterTitle={`v${byId(shown.to)?.version}`} />
      )}
    </section>
  );
}

function Config({ ctx, id }: { ctx: Ctx; id: string }) {
  const cfg = useLoad(() => api<{ compatibility: string; compatibility_source: string; open_content_model: string }>('GET', `schemas/${id}/config`), [id]);
  const [mode, setMode] = useState<string | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | undefined>();
  if (!cfg.data) return <ErrorBox error={cfg.error} />;
  const admin = atLeast(ctx.role, 'admin');
  const save = async () => {
    try {
      await api('PUT', `schemas/${id}/config`, { compatibility: mode === 'workspace default' ? null : mode ?? cfg.data!.compatibility, open_content_model: open ?? cfg.data!.open_content_model });
      setMsg({ ok: true, text: 'Saved.' });
      cfg.reload();
    } catch (e) {
      setMsg({ ok: false, text: (e as Error).message });
    }
  };
  return (
    <section aria-labelledby="config-h">
      <h2 id="config-h">Compatibility settings</h2>
      <p>In force: <strong>{cfg.data.compatibility}</strong> (from {cfg.data.compatibility_source}); open content model <strong>{cfg.data.open_content_model}</strong>.</p>
      {admin && (
        <form class="inline" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <label for="cfg-mode">Mode</label>
          <select id="cfg-mode" value={mode ?? cfg.data.compatibility} onChange={(e) => setMode(e.currentTarget.value)}>
            {[...COMPAT, 'workspace default'].map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
          <label for="cfg-open">Open content model</label>
          <select id="cfg-open" value={open ?? cfg.data.open_content_model} onChange={(e) => setOpen(e.currentTarget.value)}>
            <option value="lenient">lenient</option>
            <option value="strict">strict</option>
          </select>
          <button type="submit">Save settings</button>
        </form>
      )}
      {msg && <p role="status" class={msg.ok ? 'notice' : 'error'}>{msg.text}</p>}
    </section>
  );
}
