/**
 * Builds the console into one directory: index.html plus a content-hashed script and stylesheet, bundled
 * and minified by esbuild (already the project's Lambda bundler). `npm start` runs it, the CDK stack runs it
 * into the console function's bundle, and `npm run console:build` runs it by hand.
 * Usage: tsx console/build.ts [outdir]
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const CONSOLE_DIST = fileURLToPath(new URL('./dist/', import.meta.url));
const ENTRY = fileURLToPath(new URL('./src/main.tsx', import.meta.url));

export interface ConsoleBuild {
  outdir: string;
  /** The files written, index.html first. */
  files: string[];
  script: string;
  style: string;
}

export async function buildConsole(outdir = CONSOLE_DIST): Promise<ConsoleBuild> {
  // Built beside the target and swapped in, so a server reading the old build (another npm start, a test)
  // never sees a half-written one.
  const staging = `${outdir.replace(/\/+$/, '')}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const result = await build({
    entryPoints: [ENTRY],
    outdir: staging,
    entryNames: 'app-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
  const script = outputs.find((f) => f.endsWith('.js'));
  const style = outputs.find((f) => f.endsWith('.css'));
  if (!script || !style) throw new Error(`console build wrote ${outputs.join(', ')}; expected one .js and one .css`);
  // The page is /console and its files /console/<name> (absolute: relative ones would resolve to /). No inline script or style.
  writeFileSync(
    `${staging}/index.html`,
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Schema registry console</title>
<link rel="stylesheet" href="/console/${style}">
<script type="module" src="/console/${script}"></script>
</head>
<body><div id="app"><p class="boot">Loading the console…</p></div><noscript>The console needs JavaScript; the API reference at /api/v1/docs does not.</noscript></body>
</html>
`,
  );
  rmSync(outdir, { recursive: true, force: true });
  renameSync(staging, outdir);
  return { outdir, files: ['index.html', ...outputs], script, style };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildConsole(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`console: ${out.files.join(', ')} in ${out.outdir}`);
}
