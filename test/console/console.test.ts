/**
 * The console in a real browser against the real local server (real handlers, a fresh table on DynamoDB
 * Local): sign in, publish through the form, a validation error at its field, a valid payload, a diff, a
 * review where the reviewer approves and the requester cannot, and the approval in the activity feed.
 * The steps build on each other, as a person's session would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildConsole } from '../../console/build.js';
import { createSinkConnector } from '../../lib/sinks/index.js';
import { useRegistry } from '../support/registry.js';
import { axe, browserMissing, launch, serious, shot, type Browser } from './browser.js';

// The embedded default sink, so the reviewer's Apply creates the table for real.
const r = useRegistry({ devAdminToken: true, sinks: async () => ({ connector: createSinkConnector({ env: {}, embeddedDataDir: 'memory://' }), defaultSink: { kind: 'embedded', dir: 'memory://' }, grants: {} }) });
const skipNote = browserMissing ? ` (skipped: ${browserMissing})` : '';
const FIRST_LOAD_SCRIPT_BUDGET = 200 * 1024;
/** Waits for what the page shows, generously: the machine is shared, and a step may take seconds. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

const DEFINITION = {
  type: 'object',
  required: ['name', 'kind'],
  properties: {
    name: { type: 'string', title: 'Full name', default: 'Ada' },
    kind: { enum: ['person', 'robot'] },
    email: { type: 'string', format: 'email' },
    age: { type: 'integer', minimum: 0 },
    address: { type: 'object', properties: { city: { type: 'string' } } },
    tags: { type: 'array', items: { type: 'string' } },
  },
};

describe.skipIf(browserMissing)(`the console in Chromium${skipNote}`, { timeout: 120_000 }, () => {
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];
  let tokens: { writer: string; reviewer: string };

  beforeAll(async () => {
    await buildConsole();
    browser = await launch();
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy|Trusted Type/i.test(m.text())) cspViolations.push(m.text());
    });
    tokens = { writer: await r.token('wendy', { default: 'writer' }), reviewer: await r.token('rita', { default: 'reviewer' }) };
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  const signInWith = async (token: string) => {
    if (await page.getByRole('button', { name: 'Sign out' }).isVisible()) await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Bearer token').fill(token);
    await page.getByRole('button', { name: 'Sign in with this token' }).click();
  };
  /** A page link of the top navigation (pages have their own "Review queue" back links). */
  const nav = (name: string) => page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name });
  const noSeriousViolations = async () => expect(serious(await axe(page))).toEqual([]);

  it('signs in with one click on the admin token, under a strict CSP, with under 200 KB of compressed script', async () => {
    const res = await page.goto(`${r.base}/console`);
    const csp = res!.headers()['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|sandbox/);
    await page.getByRole('button', { name: /Sign in as dev-admin/ }).click();
    await eventually(() => page.getByTestId('user').textContent()).toBe('dev-admin');

    // Size, not time: the compressed bytes of every script the first load fetched.
    const scripts = (await page.evaluate(() =>
      (performance.getEntriesByType('resource') as unknown as { name: string; initiatorType: string; encodedBodySize: number; decodedBodySize: number }[])
        .filter((e) => e.initiatorType === 'script')
        .map((e) => ({ name: e.name, bytes: e.encodedBodySize, decoded: e.decodedBodySize })),
    )) as { name: string; bytes: number; decoded: number }[];
    const total = scripts.reduce((n, s) => n + s.bytes, 0);
    console.log(`console first load: ${scripts.length} script(s), ${total} bytes compressed (${scripts.reduce((n, s) => n + s.decoded, 0)} uncompressed)`);
    expect(scripts.length).toBeGreaterThan(0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(scripts.reduce((n, s) => n + s.decoded, 0)); // it was compressed
    expect(total).toBeLessThan(FIRST_LOAD_SCRIPT_BUDGET);
    await noSeriousViolations();
    await shot(page, '01-signed-in');
  });

  it('publishes a schema through the form', async () => {
    await page.getByLabel('Schema name').fill('people');
    await page.getByLabel('Definition (JSON, or the .proto source)').fill(JSON.stringify(DEFINITION, null, 2));
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await eventually(() => page.getByRole('status').textContent()).toContain('Published people version 1');
    await eventually(() => page.getByRole('link', { name: 'people' }).count()).toBe(1);
    await shot(page, '02-published');
  });

  it('shows the server\u2019s validation errors at their fields, then writes a valid payload and shows it', async () => {
    await nav('Payloads').click();
    await page.getByLabel('Schema', { exact: true }).selectOption({ label: 'people' });
    // The default document (/default) fills the form: the name's default is there.
    await eventually(() => page.getByLabel('Full name').inputValue()).toBe('Ada');
    // The default document picks kind's first value; un-choosing it leaves a required field missing.
    expect(await page.getByLabel(/^kind\b/).inputValue()).toBe('"person"');
    await page.getByLabel(/^kind\b/).selectOption({ label: '— choose —' });
    await page.getByLabel(/^email\b/).fill('not-an-email');
    await page.getByLabel(/^age\b/).fill('-1');
    await page.getByRole('button', { name: 'Write payload' }).click();

    const email = page.getByLabel(/^email\b/);
    await eventually(() => email.getAttribute('aria-invalid')).toBe('true');
    const emailError = page.locator(`#${await email.getAttribute('id')}-err`);
    expect(await emailError.textContent()).toContain('must match format "email"');
    const age = page.getByLabel(/^age\b/);
    expect(await page.locator(`#${await age.getAttribute('id')}-err`).textContent()).toContain('must be >= 0');
    const kind = page.getByLabel(/^kind\b/);
    expect(await kind.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await kind.getAttribute('id')}-err`).textContent()).toContain("must have required property 'kind'");
    await noSeriousViolations();
    await shot(page, '03-validation-error');

    await email.fill('ada@example.com');
    await kind.selectOption({ label: 'person' });
    await page.getByLabel(/^age\b/).fill('36');
    await page.getByLabel(/^city\b/).fill('London');
    await page.getByRole('button', { name: 'Add tags item' }).click();
    await page.getByLabel('tags 1').fill('pioneer');
    await page.getByRole('button', { name: 'Write payload' }).click();
    await eventually(() => page.locator('#new-payload [role=status]').textContent()).toMatch(/Stored payload [0-9A-Z]{26}/);
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);

    // What the server stored, shown through SchemaView.
    await page.locator('ul.plain a').first().click();
    const view = page.locator('.schema-view');
    await eventually(() => view.textContent()).toContain('London');
    const text = (await view.textContent())!;
    for (const s of ['Full name', 'Ada', 'person', 'ada@example.com', '36', 'pioneer', 'integer']) expect(text).toContain(s);
    const stored = await r.call('GET', `/api/v1/payloads?workspace_id=default&schema_name=people`, { token: tokens.reviewer });
    expect(stored.body.items.map((p: { data: unknown }) => p.data)).toEqual([{ name: 'Ada', kind: 'person', email: 'ada@example.com', age: 36, address: { city: 'London' }, tags: ['pioneer'] }]);
    await shot(page, '04-payload');
  });

  it('opens a side-by-side diff of two versions with each change explained and its compatibility', async () => {
    const admin = await r.token('dev-admin', { default: 'admin' });
    const v2 = { ...DEFINITION, properties: { ...DEFINITION.properties, nickname: { type: 'string' } } };
    const { required: _r, ...v2Props } = v2;
    const published = await r.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'default', name: 'people', definition: { ...v2Props, required: ['name', 'kind'] } } });
    expect(published.status).toBe(201);
    await nav('Schemas').click();
    await page.getByRole('link', { name: 'people' }).click();
    await page.getByRole('button', { name: 'Show diff' }).click();
    const changes = page.locator('ol.changes li');
    await eventually(() => changes.count()).toBe(1);
    expect(await changes.first().textContent()).toContain('/properties/nickname');
    expect(await changes.first().textContent()).toMatch(/backward compatible/);
    // The added property is highlighted on the new side only.
    const marked = page.locator('.diff-side').nth(1).locator('.mark-after');
    expect(await marked.first().textContent()).toContain('"nickname"');
    expect(await page.locator('.diff-side').nth(0).locator('.mark').count()).toBe(0);
    await noSeriousViolations();
    await shot(page, '05-diff');
  });

  it('lets a reviewer approve a request while the requester gets no approve button (and the server refuses them)', async () => {
    await signInWith(tokens.writer);
    await nav('Review queue').click();
    await page.getByRole('link', { name: 'New request' }).click();
    await page.getByLabel('Schema name').fill('caricatures');
    await page.getByLabel('Justification').fill('Store user caricature images');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await eventually(() => page.getByTestId('request-status').textContent()).toBe('pending');
    const id = decodeURIComponent(page.url().split('/').pop()!);
    expect(await page.getByTestId('own-request').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    const selfApproval = await r.call('PATCH', `/api/v1/schema-requests/${id}`, { token: tokens.writer, body: { status: 'approved' } });
    expect(selfApproval.status).toBeGreaterThanOrEqual(403);
    expect(selfApproval.status).toBeLessThan(500);

    await signInWith(tokens.reviewer);
    await nav('Review queue').click();
    await page.getByRole('link', { name: 'caricatures' }).click();
    // The seed's warning, with its suggestion, and the migration per dialect, up and down.
    await eventually(() => page.locator('.severity-warning').textContent()).toContain('updated_at');
    expect(await page.locator('.suggestion').first().textContent()).toContain('Suggestion');
    expect(await page.getByLabel('postgres up migration').textContent()).toContain('CREATE TABLE IF NOT EXISTS "caricatures"');
    await page.getByRole('tab', { name: 'sqlite' }).click();
    await eventually(() => page.getByLabel('sqlite up migration').textContent()).toContain('randomblob');
    expect(await page.getByLabel('sqlite down migration').textContent()).toContain('DROP TABLE IF EXISTS "caricatures"');
    expect(await page.locator('.sql-keyword').count()).toBeGreaterThan(3);
    await noSeriousViolations();
    await shot(page, '06-review');
    await page.getByLabel('Comment').fill('Looks right; add updated_at next time');
    await page.getByRole('button', { name: 'Approve' }).click();
    await eventually(() => page.getByTestId('request-status').textContent()).toBe('approved');
    expect((await r.call('GET', `/api/v1/schema-requests/${id}`, { token: tokens.reviewer })).body).toMatchObject({ status: 'approved', decided_by: 'rita' });

    // Approved means created: the reviewer applies it to the default sink, then rolls it back.
    expect(await page.getByTestId('migration-state').textContent()).toBe('not applied yet');
    await page.getByRole('button', { name: 'Apply' }).click();
    await eventually(() => page.getByTestId('request-status').textContent()).toBe('migrated');
    expect(await page.getByTestId('migration-state').textContent()).toMatch(/^applied \(postgres, schema ws_default\) by rita/);
    await noSeriousViolations();
    await page.getByRole('button', { name: 'Roll back' }).click();
    await eventually(() => page.getByTestId('request-status').textContent()).toBe('rolled_back');
    expect(await page.getByRole('button', { name: 'Apply' }).isVisible()).toBe(true);
  });

  it('shows the approval in the activity feed, and the requester\u2019s notification until it is marked read', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: /Sign in as dev-admin/ }).click();
    await nav('Activity').click();
    const feed = page.locator('table.audit');
    await eventually(() => feed.textContent()).toContain('schema_request.approved');
    // Filtered to schema requests, schema versions disappear.
    await page.getByLabel('Entity', { exact: true }).selectOption('schema_request');
    await page.getByRole('button', { name: 'Filter' }).click();
    await eventually(() => feed.textContent()).not.toContain('schema_version.published');
    expect(await feed.textContent()).toContain('rita');
    // The auto-create log, for admins: nothing auto-created in this workspace.
    await eventually(() => page.getByRole('heading', { name: 'Auto-create log' }).count()).toBe(1);
    await eventually(() => page.locator('section[aria-labelledby="auto-h"]').textContent()).toContain('Nothing auto-created yet');
    await noSeriousViolations();
    await shot(page, '07-activity');

    await signInWith(tokens.writer);
    await nav('Activity').click();
    const unread = page.locator('.notifications li.unread');
    await eventually(() => unread.count()).toBeGreaterThan(0);
    const before = await unread.count();
    expect(await page.locator('.notifications').textContent()).toContain('caricatures');
    await unread.first().getByRole('button', { name: 'Mark read' }).click();
    await eventually(() => unread.count()).toBe(before - 1);
  });

  it('publishes an Avro schema through the form and writes a payload in its JSON encoding', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: /Sign in as dev-admin/ }).click();
    await nav('Schemas').click();
    await page.getByLabel('Schema name').fill('orders_avro');
    await page.getByLabel('Engine').selectOption('avro');
    await page.getByLabel('Definition (JSON, or the .proto source)').fill(JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'order_id', type: 'string' }, { name: 'note', type: ['null', 'string'], default: null }] }));
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await eventually(() => page.getByRole('status').textContent()).toContain('Published orders_avro version 1');
    await nav('Payloads').click();
    await page.getByLabel('Schema', { exact: true }).selectOption({ label: 'orders_avro' });
    // The form shows what it cannot express field by field as JSON, filled with the starting document (/default).
    await eventually(() => page.locator('#new-payload textarea').inputValue()).toContain('order_id');
    await page.getByRole('button', { name: 'Write payload' }).click();
    await eventually(() => page.locator('#new-payload [role=status]').textContent()).toMatch(/Stored payload [0-9A-Z]{26}/);
    const stored = await r.call('GET', `/api/v1/payloads?workspace_id=default&schema_name=orders_avro`, { token: tokens.reviewer });
    expect(stored.body.items.map((p: { data: unknown }) => p.data)).toEqual([{ order_id: '', note: null }]);
    await noSeriousViolations();
  });

  it('met its Content-Security-Policy everywhere: no violation was reported', () => {
    expect(cspViolations).toEqual([]);
  });
});
