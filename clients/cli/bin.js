#!/usr/bin/env node
// `schema-registry`: runs the TypeScript CLI through tsx's loader (the project runs TypeScript directly).
import { register } from 'tsx/esm/api';

register();
const { run } = await import('./main.ts');
const { processIo } = await import('./io.ts');
process.exitCode = await run(process.argv.slice(2), processIo());
