/** A stored document shown through its schema: labels, types, nested objects and arrays. */
import { child, kindOf, labelOf, resolve, typeLabel, type JsonSchema } from './schema.js';

function Value({ schema, root, value, pointer }: { schema: JsonSchema; root: JsonSchema; value: unknown; pointer: string }) {
  const s = resolve(schema, root);
  if (Array.isArray(value)) {
    if (!value.length) return <span class="muted">empty list</span>;
    const items = resolve(Array.isArray(s.items) ? s.items[0] : s.items, root);
    return (
      <ol class="view-list">
        {value.map((v, i) => (
          <li key={i}>
            <Value schema={items} root={root} value={v} pointer={child(pointer, i)} />
          </li>
        ))}
      </ol>
    );
  }
  if (value && typeof value === 'object') {
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const keys = [...new Set([...Object.keys(props).filter((k) => k in (value as object)), ...Object.keys(value as object)])];
    return (
      <dl class="view">
        {keys.map((k) => {
          const sub = resolve(props[k] ?? {}, root);
          return (
            <div key={k} class="view-row">
              <dt>
                {labelOf(sub, k)} <small class="muted">{props[k] ? typeLabel(sub) : 'not in schema'}</small>
              </dt>
              <dd>
                <Value schema={sub} root={root} value={(value as Record<string, unknown>)[k]} pointer={child(pointer, k)} />
              </dd>
            </div>
          );
        })}
      </dl>
    );
  }
  if (value === null) return <span class="muted">null</span>;
  if (typeof value === 'boolean') return <span>{value ? 'yes' : 'no'}</span>;
  if (kindOf(s) === 'string' && s.format === 'uri' && typeof value === 'string' && /^https?:/.test(value)) return <a href={value} rel="noreferrer noopener">{value}</a>;
  return <span class={typeof value === 'string' ? 'str' : 'num'}>{String(value)}</span>;
}

export function SchemaView({ definition, value }: { definition: JsonSchema; value: unknown }) {
  return (
    <div class="schema-view">
      <Value schema={definition} root={definition} value={value} pointer="" />
    </div>
  );
}
