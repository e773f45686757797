#!/usr/bin/env node
// `npm install` / `npm ci` hook: find libtorch (exiting with the three ways to provide one when
// it is missing), then build the addon with node-gyp against Node's own headers.
import { execFileSync, spawnSync } from "node:child_process";
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
const gyp = process.env.npm_config_node_gyp;
const [cmd, args] = gyp ? [process.execPath, [gyp]] : ["node-gyp", []];
const jobs = process.env.JOBS || "max";
const r = spawnSync(cmd, [...args, "rebuild", `--jobs=${jobs}`], { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
