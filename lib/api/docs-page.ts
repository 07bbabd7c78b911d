/**
 * The HTML API reference, rendered on the server from the OpenAPI document: no script and no external
 * asset, so it works offline. Its one stylesheet is inline and allowed by its SHA-256 in the page's
 * Content-Security-Policy, so nothing else inline can run or style the page.
 */
import { createHash } from 'node:crypto';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
type Obj = Record<string, any>;

const STYLE = `:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--panel:#f6f8fa;--accent:#0a58ca}
*{box-sizing:border-box}body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);display:grid;grid-template-columns:17rem 1fr;min-height:100vh}
nav{background:var(--panel);border-right:1px solid var(--line);padding:1rem;position:sticky;top:0;height:100vh;overflow:auto;font-size:14px}
nav h2{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:1rem 0 .25rem}nav ul{list-style:none;margin:0;padding:0}nav li{margin:.1rem 0}
nav a{color:var(--fg);text-decoration:none}nav a:hover{color:var(--accent);text-decoration:underline}
main{padding:1.5rem 2rem;max-width:62rem}a{color:var(--accent)}h1{margin-top:0}h1 small{color:var(--muted);font-weight:400;font-size:1rem}
code,pre{font:13px ui-monospace,SFMono-Regular,Menlo,monospace}pre{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.75rem;overflow:auto}
section.op{border:1px solid var(--line);border-radius:8px;padding:.25rem 1rem .75rem;margin:1rem 0}
section.op h3{display:flex;gap:.75rem;align-items:center;font-size:1rem;margin:.75rem 0 .25rem}
.m{display:inline-block;min-width:4.2rem;text-align:center;border-radius:4px;padding:.05rem .4rem;font:600 12px ui-monospace,monospace;color:#fff}
.m-get{background:#0a58ca}.m-post{background:#116329}.m-put{background:#7d4e00}.m-patch{background:#6639ba}.m-delete{background:#a40e26}
.auth{font-size:13px;color:var(--muted)}.lock{border:1px solid var(--muted);border-radius:1rem;padding:0 .5rem;font-size:12px}
table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}th{font-size:13px;color:var(--muted)}
.codes code{margin-right:.4rem}details{margin:.5rem 0}summary{cursor:pointer;font-weight:600}`;

export const DOCS_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

function operation(path: string, method: string, op: Obj): string {
  const params = (op.parameters ?? []) as Obj[];
  const rows = params
    .map((p) => `<tr><td><code>${escape(p.name)}</code></td><td>${escape(p.in)}</td><td>${p.required ? 'yes' : ''}</td><td>${escape(p.description ?? p.schema?.description ?? '')}</td></tr>`)
    .join('');
  const body = op.requestBody?.content?.['application/json']?.schema?.$ref as string | undefined;
  const bodyName = body?.split('/').pop();
  const codes = Object.keys(op.responses as Obj)
    .map((c) => `<code title="${escape((op.responses as Obj)[c].description ?? '')}">${escape(c)}</code>`)
    .join('');
  const auth = op.security?.length ? `<span class="lock">token</span> ${escape(op.description ?? '')}` : 'Public: no token needed.';
  return `<section class="op" id="${escape(op.operationId)}">
<h3><span class="m m-${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
<p>${escape(op.summary)}</p><p class="auth">${auth}</p>
${rows ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Description</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
${bodyName ? `<p>Body: <a href="#schema-${escape(bodyName)}">${escape(bodyName)}</a></p>` : ''}
<p class="codes">Responses: ${codes}</p></section>`;
}

/** The page and the CSP source that allows its stylesheet. */
export function renderDocs(doc: Obj): string {
  const byTag = new Map<string, { path: string; method: string; op: Obj }[]>();
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Obj>)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags?.[0] as string | undefined) ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push({ path, method, op });
    }
  }
  const nav = [...byTag]
    .map(([tag, ops]) => `<h2>${escape(tag)}</h2><ul>${ops.map((o) => `<li><a href="#${escape(o.op.operationId)}">${o.method.toUpperCase()} ${escape(o.path.replace('/api/v1', ''))}</a></li>`).join('')}</ul>`)
    .join('');
  const sections = [...byTag].map(([tag, ops]) => `<h2 id="tag-${escape(tag)}">${escape(tag)}</h2>\n${ops.map((o) => operation(o.path, o.method, o.op)).join('\n')}`).join('\n');
  const schemas = Object.entries(doc.components.schemas as Record<string, unknown>)
    .map(([name, s]) => `<details id="schema-${escape(name)}"><summary>${escape(name)}</summary><pre>${escape(JSON.stringify(s, null, 2))}</pre></details>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)} API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style></head>
<body><nav aria-label="Operations"><strong>${escape(doc.info.title)}</strong> <a href="/console">console</a>${nav}<h2>Schemas</h2><ul><li><a href="#schemas">Request and response schemas</a></li></ul></nav>
<main><h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p>${escape(doc.info.description)} The machine-readable document is at <a href="openapi.json">openapi.json</a>; the web console at <a href="/console">/console</a>.</p>
${sections}
<h2 id="schemas">Schemas</h2>
${schemas}
</main></body></html>`;
}
