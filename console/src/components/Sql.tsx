/** SQL with keywords, identifiers, strings and comments highlighted, as text nodes (no innerHTML). */
const TOKEN = /(--[^\n]*)|('(?:[^']|'')*')|("(?:[^"]|"")*"|`[^`]*`)|\b([A-Za-z_]+)\b|(\d+)/g;
const KEYWORDS = new Set(
  'CREATE TABLE IF NOT EXISTS PRIMARY KEY DEFAULT NULL ALTER ADD DROP COLUMN INDEX UNIQUE ON USING INSERT INTO SELECT FROM AS RENAME TO BEGIN COMMIT TRANSACTION REFERENCES CONSTRAINT CHECK TYPE SET GIN BTREE EXISTS'.split(' '),
);

export function Sql({ sql, label }: { sql: string; label: string }) {
  const out: preact.ComponentChildren[] = [];
  let last = 0;
  for (const m of sql.matchAll(TOKEN)) {
    if (m.index > last) out.push(sql.slice(last, m.index));
    const [text, comment, str, ident, word, num] = m;
    const cls = comment ? 'sql-comment' : str ? 'sql-string' : ident ? 'sql-ident' : word && KEYWORDS.has(word.toUpperCase()) ? 'sql-keyword' : num ? 'sql-number' : undefined;
    out.push(cls ? <span class={cls}>{text}</span> : text);
    last = m.index + text.length;
  }
  out.push(sql.slice(last));
  return (
    <pre class="sql" tabIndex={0} aria-label={label}>
      {out}
    </pre>
  );
}
