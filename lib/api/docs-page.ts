/**
 * The HTML API reference, rendered on the server from the OpenAPI document: no script, no external
 * assets, so it works offline and under a strict Content-Security-Policy.
 */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
type Obj = Record<string, any>;

export function renderDocs(doc: Obj): string {
  const sections: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Obj>)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters ?? []) as Obj[];
      const rows = params
        .map((p) => `<tr><td><code>${escape(p.name)}</code></td><td>${escape(p.in)}</td><td>${p.required ? 'yes' : ''}</td><td>${escape(p.description ?? '')}</td></tr>`)
        .join('');
      const body = op.requestBody?.content?.['application/json']?.schema?.$ref as string | undefined;
      const statuses = Object.keys(op.responses).join(', ');
      sections.push(`<section id="${escape(op.operationId)}">
<h3><span class="m">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
<p>${escape(op.summary)}</p>${op.description ? `<p>${escape(op.description)}</p>` : '<p>Public: no token needed.</p>'}
${rows ? `<table><tr><th>Parameter</th><th>In</th><th>Required</th><th>Description</th></tr>${rows}</table>` : ''}
${body ? `<p>Body: <a href="#schema-${escape(body.split('/').pop()!)}">${escape(body.split('/').pop()!)}</a></p>` : ''}
<p>Responses: ${escape(statuses)}</p></section>`);
    }
  }
  const schemas = Object.entries(doc.components.schemas as Record<string, unknown>)
    .map(([name, s]) => `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3><pre>${escape(JSON.stringify(s, null, 2))}</pre></section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)} API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
code,pre{font:13px ui-monospace,monospace}pre{background:#f5f5f5;padding:.75rem;overflow:auto}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}
.m{display:inline-block;min-width:4rem;font-weight:bold}section{border-top:1px solid #eee;padding-top:.5rem}</style></head>
<body><h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p>${escape(doc.info.description)} The machine-readable document is at <a href="openapi.json">openapi.json</a>.</p>
<h2>Operations</h2>
${sections.join('\n')}
<h2>Schemas</h2>
${schemas}
</body></html>`;
}
