/**
 * The request contracts' validators as code, written by `npm run codegen` into lib/generated/contracts/:
 * ajv's standalone output, one module per contract that a route reads as its body or query. A function
 * then needs no ajv to check its requests, and loads (through `import()`) only the validators of the
 * requests it serves, each on first use, instead of building an ajv instance and compiling at run time.
 * Only codegen imports this module.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { contracts, type ContractName } from './contracts.js';
import type { Route } from './route.js';

const HEADER = [
  '// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from lib/api/contracts.ts',
  '// with ajv\'s standalone code; `npm run codegen -- --check` fails when it is stale.',
  '// @ts-nocheck',
];

/** The contracts requests are checked against: every route's body and query, and the empty query of the others. */
export function requestContracts(routes: readonly Route[]): ContractName[] {
  const names = new Set<ContractName>(['NoQuery']);
  for (const route of routes) {
    if (route.body) names.add(route.body);
    if (route.query) names.add(route.query);
  }
  return [...names].sort();
}

/** Each route group's request contracts (requestContracts of its routes). */
function contractsByGroup(routes: readonly Route[]): Map<string, ContractName[]> {
  const groups = new Map<string, Route[]>();
  for (const route of routes) groups.set(route.group, [...(groups.get(route.group) ?? []), route]);
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([group, rs]) => [group, requestContracts(rs)]));
}

/** The helpers ajv's standalone code `require`s, as lib/api/contract-runtime.ts exports them. */
const RUNTIME: Record<string, string> = {
  'require("ajv/dist/runtime/ucs2length").default': 'ucs2length',
  'require("ajv/dist/runtime/equal").default': 'equal',
  'require("ajv-formats/dist/formats").fullFormats': 'fullFormats',
};

/** The standalone code as an ES module that imports its helpers (esbuild bundles them; Node and vitest load them). */
function withImports(code: string): string {
  const used = new Set<string>();
  const body = code.replace(/require\("[^"]+"\)(\.\w+)?/g, (call) => {
    const helper = RUNTIME[call];
    if (helper === undefined) throw new Error(`ajv's standalone code needs ${call}: export it from lib/api/contract-runtime.ts and map it in RUNTIME`);
    used.add(helper);
    return helper;
  });
  const imports = used.size ? [`import { ${[...used].sort().join(', ')} } from '../../api/contract-runtime.js';`] : [];
  return [...imports, body.replace(/^"use strict";/, '')].join('\n');
}

/** Every generated file (path from the project root, and content) for the contracts of `routes`. */
export function generateContractValidators(routes: readonly Route[]): Record<string, string> {
  const names = requestContracts(routes);
  const files: Record<string, string> = {};
  for (const name of names) {
    // The options the API has always checked requests with: every problem reported, strict schemas.
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, code: { source: true, esm: true } });
    addFormats.default(ajv);
    ajv.addSchema(contracts[name], name);
    files[`lib/generated/contracts/${name}.ts`] = [...HEADER, withImports(standaloneCode(ajv, { validate: name })), ''].join('\n');
  }
  // One map per route group, which its function passes to its routes: a function's bundle then refers to
  // the validators of its own requests only (one map of them all was 2.7 KB of every cold start).
  for (const [group, used] of contractsByGroup(routes)) {
    files[`lib/generated/contracts/group-${group}.ts`] = [
      ...HEADER.slice(0, 2),
      "import type { ContractValidators } from '../../api/request-check.js';",
      '',
      `/** The validators of the requests the ${group} routes read, each loaded on first use. */`,
      'export const CONTRACTS: ContractValidators = {',
      ...used.map((n) => `  ${n}: async () => (await import('./${n}.js')).validate,`),
      '};',
      '',
    ].join('\n');
  }
  return files;
}
