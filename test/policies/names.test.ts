/** The reserved-word lists against a real SQLite, and the names suggested in their place. */
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { freeName, RESERVED_WORDS, reservedIn } from '../../lib/policies/names.js';

describe('reserved words', () => {
  it('lists only words SQLite refuses as unquoted table or column names', async () => {
    const SQL = await initSqlJs();
    const refused = (word: string) => {
      const db = new SQL.Database();
      try {
        db.exec(`CREATE TABLE t (${word} INTEGER); INSERT INTO t (${word}) VALUES (1); SELECT ${word} FROM t WHERE ${word} = 1; CREATE TABLE ${word} (x INTEGER);`);
        return false;
      } catch {
        return true;
      } finally {
        db.close();
      }
    };
    const sqlite = [...(RESERVED_WORDS.SQLite ?? [])];
    expect(sqlite.length).toBeGreaterThan(50);
    expect(sqlite.filter((word) => !refused(word))).toEqual([]);
    // The other dialects' words that SQLite takes in its stride are not on its list.
    expect(['user', 'key', 'range', 'rank', 'interval'].filter(refused)).toEqual([]);
  });

  it('folds case, as unquoted identifiers are folded', () => {
    expect(reservedIn('Select')).toEqual(['PostgreSQL', 'MySQL', 'SQLite']);
    expect(reservedIn('rank')).toEqual(['MySQL']);
    expect(reservedIn('status')).toEqual([]);
  });
});

describe('freeName', () => {
  it('takes the first usable candidate, made valid', () => {
    expect(freeName(['userId'], new Set(), 'field_1')).toBe('user_id');
    expect(freeName(['groups', 'group_records'], new Set(), 'records')).toBe('group_records');
  });

  it('numbers the first candidate when none is usable, within 63 characters', () => {
    expect(freeName(['user_id'], new Set(['user_id', 'user_id_2']), 'field_1')).toBe('user_id_3');
    expect(freeName(['a'.repeat(63)], new Set(['a'.repeat(63)]), 'field_1')).toBe(`${'a'.repeat(61)}_2`);
  });

  it('falls back when nothing of the name is usable', () => {
    expect(freeName(['!!!'], new Set(), 'field_4')).toBe('field_4');
  });
});
