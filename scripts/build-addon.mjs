#!/usr/bin/env node
// `npm install` / `npm ci` hook: find libtorch (exiting with the three ways to provide one when
// it is missing), then build the addon with node-gyp against Node's own headers.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (process.env.FINETUNE_TS_SKIP_BUILD === "1") {
  console.log("finetune-ts: FINETUNE_TS_SKIP_BUILD=1, not building the native addon");
  process.exit(0);
}
let found;
try {
  found = JSON.parse(execFileSync(process.execPath, [path.join(root, "scripts/find-libtorch.mjs"), "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
} catch {
  process.exit(1);
}
console.log(`finetune-ts: building the addon against libtorch ${found.version} (${found.source}: ${found.libdir})`);
// Inside npm scripts npm names its bundled node-gyp; run directly, find the one next to npm.
const bundled = path.join(path.dirname(process.execPath), "..", "lib", "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js");
const gyp = process.env.npm_config_node_gyp || (existsSync(bundled) ? bundled : null);
const [cmd, args] = gyp ? [process.execPath, [gyp]] : ["node-gyp", []];
const jobs = process.env.JOBS || "max";
// Build against the running Node's own headers (no download: the network may be closed).
const prefix = path.resolve(path.dirname(process.execPath), "..");
const nodedir = process.env.npm_config_nodedir || (existsSync(path.join(prefix, "include/node/node_api.h")) ? prefix : null);
const extra = nodedir ? [`--nodedir=${nodedir}`] : [];
const r = spawnSync(cmd, [...args, "rebuild", `--jobs=${jobs}`, ...extra], { cwd: root, stdio: "inherit" });
if (r.error) console.error(`finetune-ts: could not run node-gyp (${r.error.message}); install it with \`npm i -g node-gyp\``);
process.exit(r.status ?? 1);
