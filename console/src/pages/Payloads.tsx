/** Payloads: by schema and version, each shown through its schema, and new ones written through a generated form. */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, qs, type FieldError } from '../api.js';
import { ErrorBox, Loading, useLoad, when } from '../components/common.js';
import { SchemaForm } from '../components/SchemaForm.js';
import type { JsonSchema } from '../components/schema.js';
import { SchemaView } from '../components/SchemaView.js';
import type { Ctx } from '../main.js';
import { atLeast } from '../roles.js';
import { href, type RouteState } from '../route.js';
import type { Payload, SchemaVersion } from '../types.js';
import { stateBadge } from './Schemas.js';

export function Payloads({ ctx, route }: { ctx: Ctx; route: RouteState }) {
  const ref = route.query.get('schema') ?? '';
  const schemas = useLoad(() => api<{ items: SchemaVersion[] }>('GET', `schemas${qs({ workspace_id: ctx.workspace, limit: '500' })}`), [ctx.workspace]);
  const version = useLoad(async () => (ref ? api<SchemaVersion>('GET', `schemas/${encodeURIComponent(ref)}`) : undefined), [ref]);
  const versions = useLoad(async () => (ref ? api<{ items: SchemaVersion[] }>('GET', `schemas/${encodeURIComponent(ref)}/versions?limit=500`) : undefined), [ref]);
  const go = (schema: string) => (location.hash = href(['payloads'], { schema }));
  return (
    <>
      <h1>Payloads</h1>
      <ErrorBox error={schemas.error ?? version.error} />
      <form class="inline" onSubmit={(e) => e.preventDefault()}>
        <label for="pl-schema">Schema</label>
        <select id="pl-schema" value={version.data ? schemas.data?.items.find((s) => s.name === version.data!.name)?.id ?? '' : ''} onChange={(e) => go(e.currentTarget.value)}>
          <option value="">— choose —</option>
          {(schemas.data?.items ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
        {versions.data && (
          <>
            <label for="pl-version">Version</label>
            <select id="pl-version" value={ref} onChange={(e) => go(e.currentTarget.value)}>
              {versions.data.items.map((v) => <option key={v.id} value={v.id}>v{v.version} ({v.state})</option>)}
            </select>
          </>
        )}
      </form>
      {version.data && <VersionPayloads ctx={ctx} version={version.data} selected={route.query.get('payload') ?? undefined} />}
    </>
  );
}

function VersionPayloads({ ctx, version, selected }: { ctx: Ctx; version: SchemaVersion; selected: string | undefined }) {
  const list = useLoad(() => api<{ items: Payload[]; next_cursor: string | null }>('GET', `payloads?schema_ref=${version.id}&limit=100`), [version.id]);
  const payload = useLoad(async () => (selected ? api<Payload>('GET', `payloads/${encodeURIComponent(selected)}`) : undefined), [selected]);
  return (
    <div class="two-col">
      <section aria-labelledby="pl-list-h">
        <h2 id="pl-list-h">{version.name} v{version.version} {stateBadge(version.state)}</h2>
        <ErrorBox error={list.error} />
        {list.loading && !list.data ? <Loading what="payloads" /> : (
          <ul class="plain">
            {(list.data?.items ?? []).map((p) => (
              <li key={p.id}><a href={href(['payloads'], { schema: version.id, payload: p.id })} aria-current={p.id === selected ? 'true' : undefined}>{p.id}</a> <small class="muted">{when(p.created_at)}</small></li>
            ))}
            {list.data && !list.data.items.length && <li class="muted">No payloads yet.</li>}
          </ul>
        )}
        {payload.data && (
          <section aria-labelledby="pl-view-h">
            <h3 id="pl-view-h">Payload {payload.data.id}</h3>
            <SchemaView definition={version.definition as JsonSchema} value={payload.data.data} />
          </section>
        )}
      </section>
      {atLeast(ctx.role, 'writer') ? <NewPayload version={version} onCreated={list.reload} /> : <p class="muted">Writing payloads needs the writer role.</p>}
    </div>
  );
}

function NewPayload({ version, onCreated }: { version: SchemaVersion; onCreated: () => void }) {
  const [value, setValue] = useState<unknown>(undefined);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | undefined>();
  useEffect(() => {
    setErrors([]);
    setStatus(undefined);
    api<unknown>('GET', `schemas/${version.id}/default`).then(setValue, () => setValue({}));
  }, [version.id]);
  const submit = async () => {
    try {
      const p = await api<Payload>('POST', 'payloads', { schema_ref: version.id, data: value });
      setErrors([]);
      setStatus({ ok: true, text: `Stored payload ${p.id}.` });
      onCreated();
    } catch (e) {
      const errs = e instanceof ApiError ? e.problem.errors ?? [] : [];
      setErrors(errs);
      setStatus({ ok: false, text: `${(e as Error).message}${errs.length ? `: ${errs.length} problem${errs.length === 1 ? '' : 's'}, shown at the fields` : ''}` });
      // Move focus to the first field the server refused, as a person would look for it.
      requestAnimationFrame(() => (document.querySelector('#new-payload [aria-invalid="true"]') as HTMLElement | null)?.focus());
    }
  };
  if (value === undefined) return <Loading what="the form" />;
  return (
    <section aria-labelledby="new-pl-h">
      <h2 id="new-pl-h">New payload</h2>
      <form id="new-payload" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <SchemaForm definition={version.definition as JsonSchema} value={value} onChange={setValue} errors={errors} />
        {status && (
          <div role={status.ok ? 'status' : 'alert'} class={status.ok ? 'notice' : 'error'}>
            <p>{status.text}</p>
            {errors.length > 0 && <ul>{errors.map((er, i) => <li key={i}><code>{er.path || '/'}</code>: {er.message}</li>)}</ul>}
          </div>
        )}
        <button type="submit" class="primary">Write payload</button>
      </form>
    </section>
  );
}
