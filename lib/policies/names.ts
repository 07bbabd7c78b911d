/**
 * Names a schema or column should not take: the platform's own tables, and words the SQL dialects we
 * render to reserve. The generated SQL quotes every identifier, so a reserved name still works there;
 * the cost falls on everyone who later writes a query by hand and forgets the quotes.
 */
import { MAX_IDENTIFIER_LENGTH, suggestIdentifier } from '../sql/identifiers.js';

/** Tables of the platform that a schema request must never create or replace. */
export const PROTECTED_TABLE_NAMES: ReadonlySet<string> = new Set(['messages', 'queries', 'user_profiles', 'documents', 'schema_registry', 'schema_requests']);

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));

/** PostgreSQL 17's reserved keywords (`pg_get_keywords()` catcode R and T): neither can name a column unquoted. */
const POSTGRES = words(`
  all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate
  collation column concurrently constraint create cross current_catalog current_date current_role
  current_schema current_time current_timestamp current_user default deferrable desc distinct do else end
  except false fetch for foreign freeze from full grant group having ilike in initially inner intersect into
  is isnull join lateral leading left like limit localtime localtimestamp natural not notnull null offset on
  only or order outer overlaps placing primary references returning right select session_user similar some
  symmetric system_user table tablesample then to trailing true union unique user using variadic verbose
  when where window with`);

/** MySQL 8.0's reserved words (INFORMATION_SCHEMA.KEYWORDS where RESERVED = 1). */
const MYSQL = words(`
  accessible add all alter analyze and as asc asensitive before between bigint binary blob both by call
  cascade case change char character check collate column condition constraint continue convert create
  cross cube cume_dist current_date current_time current_timestamp current_user cursor database databases
  day_hour day_microsecond day_minute day_second dec decimal declare default delayed delete dense_rank desc
  describe deterministic distinct distinctrow div double drop dual each else elseif empty enclosed escaped
  except exists exit explain false fetch first_value float float4 float8 for force foreign from fulltext
  function generated get grant group grouping groups having high_priority hour_microsecond hour_minute
  hour_second if ignore in index infile inner inout insensitive insert int int1 int2 int3 int4 int8 integer
  intersect interval into io_after_gtids io_before_gtids is iterate join json_table key keys kill lag
  last_value lateral lead leading leave left like limit linear lines load localtime localtimestamp lock long
  longblob longtext loop low_priority master_bind master_ssl_verify_server_cert match maxvalue mediumblob
  mediumint mediumtext member middleint minute_microsecond minute_second mod modifies natural not
  no_write_to_binlog nth_value ntile null numeric of on optimize optimizer_costs option optionally or order
  out outer outfile over partition percent_rank precision primary procedure purge range rank read reads
  read_write real recursive references regexp release rename repeat replace require resignal restrict
  return revoke right rlike row rows row_number schema schemas second_microsecond select sensitive separator
  set show signal smallint spatial specific sql sqlexception sqlstate sqlwarning sql_big_result
  sql_calc_found_rows sql_small_result ssl starting stored straight_join system table terminated then
  tinyblob tinyint tinytext to trailing trigger true undo union unique unlock unsigned update usage use
  using utc_date utc_time utc_timestamp values varbinary varchar varcharacter varying virtual when where
  while window with write xor year_month zerofill`);

/**
 * SQLite keywords that break a plain `CREATE TABLE`, `INSERT` or `SELECT` when used unquoted as a table
 * or column name (SQLite accepts most of its other keywords as identifiers).
 */
const SQLITE = words(`
  add all alter and as autoincrement between case cast check collate commit constraint create default
  deferrable delete distinct drop else escape except exists foreign from group having if in index insert
  intersect into is isnull join limit not nothing notnull null on or order primary raise references
  returning select set table then to transaction union unique update using values when where`);

const DIALECTS: [string, ReadonlySet<string>][] = [
  ['PostgreSQL', POSTGRES],
  ['MySQL', MYSQL],
  ['SQLite', SQLITE],
];

/** The reserved-word lists, by dialect, for tests and documentation. */
export const RESERVED_WORDS: Readonly<Record<string, ReadonlySet<string>>> = Object.fromEntries(DIALECTS);

/** The dialects that reserve `name` (case-insensitive: unquoted identifiers are folded). */
export function reservedIn(name: string): string[] {
  const folded = name.toLowerCase();
  return DIALECTS.filter(([, reserved]) => reserved.has(folded)).map(([dialect]) => dialect);
}

export function isProtectedTable(name: string): boolean {
  return PROTECTED_TABLE_NAMES.has(name.toLowerCase());
}

/** "A, B and C". */
export function listInProse(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * A name to suggest instead of a bad one: the first of `wanted` that, made valid snake_case of at most 63
 * characters, is neither reserved, protected nor in `taken` (names already in use), else the first one
 * numbered; so following the advice cannot cause the next violation. `fallback` stands in for a wanted
 * name with nothing usable in it.
 */
export function freeName(wanted: string[], taken: ReadonlySet<string>, fallback: string): string {
  const usable = (name: string) => !taken.has(name) && reservedIn(name).length === 0 && !isProtectedTable(name);
  const candidates = wanted.map((name) => suggestIdentifier(name, fallback));
  const found = candidates.find(usable);
  if (found !== undefined) return found;
  const base = candidates[0] ?? fallback;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${base.slice(0, MAX_IDENTIFIER_LENGTH - suffix.length)}${suffix}`;
    if (usable(candidate)) return candidate;
  }
}
