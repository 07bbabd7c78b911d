/**
 * A form generated from a JSON Schema definition: required fields marked, enums as selects, formats as
 * the matching inputs, nested objects as fieldsets, arrays with add and remove, anything else as JSON.
 * The browser's own validation is off: the server is the one validator, and its errors (by JSON pointer)
 * are shown at their fields.
 */
import { useState } from 'preact/hooks';
import type { FieldError } from '../api.js';
import { child, emptyValue, kindOf, labelOf, resolve, setAt, type JsonSchema } from './schema.js';

const FORMAT_INPUT: Record<string, string> = { email: 'email', 'idn-email': 'email', uri: 'url', iri: 'url', date: 'date', time: 'time' };
const FORMAT_HINT: Record<string, string> = { 'date-time': 'e.g. 2026-01-31T12:00:00Z', uuid: 'e.g. 1b4e28ba-2fa1-11d2-883f-0016d3cca427', ipv4: 'e.g. 192.0.2.1', ipv6: 'e.g. 2001:db8::1' };

interface FieldProps {
  schema: JsonSchema;
  root: JsonSchema;
  pointer: string;
  name: string;
  required: boolean;
  value: unknown;
  set: (pointer: string, value: unknown) => void;
  errors: FieldError[];
}

const idOf = (pointer: string) => `f${pointer.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;

function Messages({ id, errors }: { id: string; errors: FieldError[] }) {
  if (!errors.length) return null;
  return (
    <ul class="field-errors" id={`${id}-err`}>
      {errors.map((e, i) => (
        <li key={i}>{e.message}</li>
      ))}
    </ul>
  );
}

function Field(props: FieldProps) {
  const s = resolve(props.schema, props.root);
  const { pointer, name, required, value, set } = props;
  const id = idOf(pointer);
  const mine = props.errors.filter((e) => e.path === pointer);
  const kind = kindOf(s);
  const label = labelOf(s, name);
  const described = [s.description ? `${id}-desc` : '', mine.length ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': mine.length ? true : undefined, 'aria-describedby': described, 'aria-required': required || undefined };
  const requiredMark = required ? <abbr title="required" class="req"> *</abbr> : null;
  const labelEl = (
    <label for={id}>
      {label}
      {requiredMark}
    </label>
  );
  const legend = (
    <legend>
      {label}
      {requiredMark}
    </legend>
  );
  const desc = s.description ? <small id={`${id}-desc`}>{s.description}</small> : null;

  if (kind === 'object') {
    const props2 = (s.properties ?? {}) as Record<string, JsonSchema>;
    const req = new Set<string>(Array.isArray(s.required) ? s.required : []);
    const obj = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
    return (
      <fieldset class={mine.length ? 'invalid' : ''} aria-describedby={described}>
        {pointer !== '' && legend}
        {desc}
        <Messages id={id} errors={mine} />
        {Object.entries(props2).map(([k, sub]) => (
          <Field key={k} {...props} schema={sub} pointer={child(pointer, k)} name={k} required={req.has(k)} value={obj[k]} />
        ))}
      </fieldset>
    );
  }
  if (kind === 'array') {
    const items = Array.isArray(value) ? value : [];
    const itemSchema = resolve(Array.isArray(s.items) ? s.items[0] : s.items, props.root);
    return (
      <fieldset class={mine.length ? 'invalid' : ''} aria-describedby={described}>
        {legend}
        {desc}
        <Messages id={id} errors={mine} />
        <ol class="array-items">
          {items.map((item, i) => (
            <li key={i}>
              <Field {...props} schema={itemSchema} pointer={child(pointer, i)} name={`${label} ${i + 1}`} required={false} value={item} />
              <button type="button" class="small" onClick={() => set(child(pointer, i), undefined)}>
                Remove {label} {i + 1}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" class="small" onClick={() => set(pointer, [...items, emptyValue(itemSchema) ?? null])}>
          Add {label} item
        </button>
      </fieldset>
    );
  }
  let control;
  if (kind === 'enum') {
    const options = s.enum as unknown[];
    const current = value === undefined ? '' : JSON.stringify(value);
    control = (
      <select {...common} value={current} onChange={(e) => set(pointer, e.currentTarget.value === '' ? undefined : JSON.parse(e.currentTarget.value))}>
        <option value="">— choose —</option>
        {options.map((o) => (
          <option key={JSON.stringify(o)} value={JSON.stringify(o)}>
            {typeof o === 'string' ? o : JSON.stringify(o)}
          </option>
        ))}
      </select>
    );
  } else if (kind === 'boolean') {
    return (
      <div class="field field-check">
        <input type="checkbox" {...common} checked={value === true} onChange={(e) => set(pointer, e.currentTarget.checked)} />
        {labelEl}
        {desc}
        <Messages id={id} errors={mine} />
      </div>
    );
  } else if (kind === 'integer' || kind === 'number') {
    control = (
      <input
        type="number"
        inputMode={kind === 'integer' ? 'numeric' : 'decimal'}
        step={kind === 'integer' ? 1 : 'any'}
        min={s.minimum}
        max={s.maximum}
        {...common}
        value={typeof value === 'number' ? String(value) : ''}
        onInput={(e) => {
          const raw = e.currentTarget.value;
          set(pointer, raw === '' ? undefined : Number(raw));
        }}
      />
    );
  } else if (kind === 'string') {
    const type = FORMAT_INPUT[s.format] ?? 'text';
    const long = typeof s.maxLength !== 'number' || s.maxLength > 200 ? s.format === undefined && s.maxLength === undefined && name.includes('description') : false;
    const onInput = (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
      const raw = e.currentTarget.value;
      set(pointer, raw === '' && !required ? undefined : raw);
    };
    control = long ? (
      <textarea {...common} value={typeof value === 'string' ? value : ''} onInput={onInput} />
    ) : (
      <input type={type} {...common} placeholder={FORMAT_HINT[s.format]} maxLength={s.maxLength} value={typeof value === 'string' ? value : ''} onInput={onInput} />
    );
  } else {
    control = <JsonControl common={common} value={value} onChange={(v) => set(pointer, v)} />;
  }
  return (
    <div class={`field${mine.length ? ' invalid' : ''}`}>
      {labelEl}
      {desc}
      {control}
      <Messages id={id} errors={mine} />
    </div>
  );
}

/** A JSON text area for subtrees the form cannot express; its text stays as typed until it parses. */
function JsonControl({ common, value, onChange }: { common: Record<string, unknown>; value: unknown; onChange: (v: unknown) => void }) {
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  const [bad, setBad] = useState(false);
  return (
    <>
      <textarea
        {...common}
        class="mono"
        value={text}
        onInput={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          try {
            onChange(t.trim() === '' ? undefined : JSON.parse(t));
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad ? <small class="error">not valid JSON yet</small> : <small>JSON</small>}
    </>
  );
}

export interface SchemaFormProps {
  definition: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  errors: FieldError[];
}

export function SchemaForm({ definition, value, onChange, errors }: SchemaFormProps) {
  const set = (pointer: string, v: unknown) => onChange(setAt(value, pointer, v));
  return <Field schema={definition} root={definition} pointer="" name="document" required value={value} set={set} errors={errors} />;
}
