/**
 * `npm run codegen`: loads and lints schema.yaml, then writes lib/generated/. With `--check`, writes
 * nothing and fails when a generated file differs from what schema.yaml produces (stale or hand-edited).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { loadDesign, SchemaYamlError } from '../lib/table-design/load.js';
import { lintDesign } from '../lib/table-design/lint.js';
import { generateModule, generateVectors } from '../lib/table-design/generate.js';

const outDir = fileURLToPath(new URL('../lib/generated/', import.meta.url));

const program = new Command()
  .name('codegen')
  .description('Generate key builders, ElectroDB entities, the table definition and conformance vectors from schema.yaml')
  .option('--check', 'fail if the generated files are stale instead of writing them')
  .parse();
const { check } = program.opts<{ check?: boolean }>();

function main(): number {
  let design;
  try {
    design = loadDesign();
  } catch (e) {
    if (e instanceof SchemaYamlError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
  const problems = lintDesign(design);
  if (problems.length) {
    console.error(`schema.yaml has ${problems.length} problem(s):`);
    for (const p of problems) console.error(`  - ${p.path}: ${p.message}`);
    return 1;
  }
  const files: Record<string, string> = {
    'table.ts': generateModule(design),
    'conformance-vectors.json': JSON.stringify(generateVectors(design), null, 2) + '\n',
  };
  let stale = 0;
  for (const [name, content] of Object.entries(files)) {
    const path = outDir + name;
    let current: string | undefined;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === content) continue;
    if (check) {
      console.error(`lib/generated/${name} is stale: run \`npm run codegen\` and commit the result.`);
      stale++;
    } else {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(path, content);
      console.log(`wrote lib/generated/${name}`);
    }
  }
  if (check && !stale) console.log(`lib/generated is up to date with schema.yaml ${design.version}.`);
  return stale ? 1 : 0;
}

process.exitCode = main();
