/** docs/deploy.md against the code it describes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../infra/settings.js';
import { EVENT_SOURCE, PUBLISHED } from '../../lib/events/publisher.js';

const guide = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');

describe('docs/deploy.md', () => {
  it('documents every context parameter the app reads', () => {
    const read = new Set<string>();
    readSettings((key) => {
      read.add(key);
      return undefined;
    });
    expect(read.size).toBeGreaterThan(5);
    const parameters = guide.slice(guide.indexOf('## Parameters'), guide.indexOf('## Outputs'));
    expect([...read].filter((key) => !parameters.includes(`\`${key}\``))).toEqual([]);
  });

  it('gives subscribers the event source and every detail type, with a rule pattern using them', () => {
    const events = guide.slice(guide.indexOf('## Subscribing to registry events'), guide.indexOf('## Alarms'));
    expect(events).toContain(`"source": ["${EVENT_SOURCE}"]`);
    for (const detailType of Object.values(PUBLISHED)) expect(events).toContain(`\`${detailType}\``);
    const pattern = /--event-pattern '(\{[\s\S]*?\})'/.exec(events)?.[1];
    expect(JSON.parse(pattern!)).toMatchObject({ source: [EVENT_SOURCE], 'detail-type': [expect.any(String)] });
  });

  it('creates the first admin and every user it grants a role to', () => {
    const users = guide.slice(guide.indexOf('## Users, workspaces and roles'), guide.indexOf('## Getting a token'));
    expect(users).toMatch(/--group-name acme:admin/);
    const granted = [...users.matchAll(/admin-add-user-to-group .*--username (\S+)/g)].map((m) => m[1]);
    const created = /for user in ([^;]+); do[\s\S]*?admin-create-user/.exec(users)?.[1]?.split(/\s+/) ?? [];
    expect(granted.filter((u) => !created.includes(u!))).toEqual([]);
  });
});
