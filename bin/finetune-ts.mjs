#!/usr/bin/env node
// Runs the compiled CLI (dist/ is built by `npm ci`/`npm install` through the prepare script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
const main = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
if (!existsSync(main)) {
  console.error("finetune-ts: dist/ is missing; run `npm run build` in the package folder.");
  process.exit(1);
}
await import(main);
