/** The list commands' shared options and output: one page (`--limit`, `--cursor`) or every page (`--all`). */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { positiveInt } from '../help.js';
import type { Column } from '../output.js';
import { pages } from './refs.js';

export interface ListOptions {
  limit: number;
  cursor?: string;
  all?: boolean;
}

export type Page<T> = { items: T[]; next_cursor: string | null };

export function listOptions(command: Command): Command {
  return command
    .option('--limit <n>', 'items per page (1 to 500)', positiveInt('--limit', 500), 50)
    .option('--cursor <cursor>', 'continue after the page that printed this cursor')
    .option('--all', 'follow every page');
}

/** `limit` and `cursor` as query parameters (the API takes them as strings). */
export const pageQuery = (o: ListOptions, cursor: string | undefined) => ({ limit: String(o.limit), ...(cursor ? { cursor } : {}) });

export async function printList<T>(ctx: Context, o: ListOptions, fetchPage: (cursor: string | undefined) => Promise<Page<T>>, columns: Column<T>[]): Promise<void> {
  let page: Page<T>;
  if (o.all) {
    const items: T[] = [];
    for await (const item of pages(fetchPage)) items.push(item);
    page = { items, next_cursor: null };
  } else {
    page = await fetchPage(o.cursor);
  }
  ctx.out.result(page, () => {
    ctx.out.table(page.items, columns);
    if (page.next_cursor) ctx.out.note(ctx.out.err.dim(`more: add --cursor ${page.next_cursor} (or --all)`));
  });
}
