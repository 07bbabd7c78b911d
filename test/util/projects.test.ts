/** The split of the test files between the unit and the integration project (test/support/projects.ts). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testProjects } from '../support/projects.js';

const root = mkdtempSync(join(tmpdir(), 'registry-projects-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

describe('testProjects', () => {
  it('puts a file in the integration project when it reaches DynamoDB Local or a child process, even through a helper', () => {
    write('test/support/dynamo.ts', 'export const x = 1;\n');
    write('test/support/registry.ts', "import { x } from './dynamo.js';\nexport const y = x;\n");
    write('test/a/helper.ts', "import { y } from '../support/registry.js';\nexport const z = y;\n");
    write('test/a/pure-helper.ts', "import { canonicalJson } from '../../lib/util/canonical-json.js';\nexport const c = canonicalJson;\n");
    write('test/a/direct.test.ts', "import { useTestTable } from '../support/dynamo.js';\n");
    write('test/a/indirect.test.ts', "import { z } from './helper.js';\n");
    write('test/a/spawns.test.ts', "import { spawn } from 'node:child_process';\n");
    write('test/a/dynamic.test.ts', "const m = await import('../support/registry.js');\n");
    write('test/a/pure.test.ts', "import { describe } from 'vitest';\nimport { c } from './pure-helper.js';\n");
    write('test/b/cycle.test.ts', "import { a } from './cycle-helper.js';\n");
    write('test/b/cycle-helper.ts', "import { b } from './cycle-helper.js';\nexport const a = 1;\n");
    expect(testProjects(root)).toEqual({
      unit: ['test/a/pure.test.ts', 'test/b/cycle.test.ts'],
      integration: ['test/a/direct.test.ts', 'test/a/dynamic.test.ts', 'test/a/indirect.test.ts', 'test/a/spawns.test.ts'],
    });
  });

  it('gives every test file of the repository exactly one project, with the DynamoDB files in integration', () => {
    const { unit, integration } = testProjects(fileURLToPath(new URL('../..', import.meta.url)));
    expect(unit).toContain('test/util/canonical-json.test.ts');
    expect(unit).toContain('test/util/projects.test.ts');
    expect(integration).toContain('test/dynamo/table.test.ts');
    expect(integration).toContain('test/api/schemas.test.ts');
    expect(unit.filter((f) => integration.includes(f))).toEqual([]);
  });
});
