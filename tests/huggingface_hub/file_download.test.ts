// hf_hub_download and from_pretrained-by-name against a fake Hub on 127.0.0.1 (tests/huggingface_hub/fake_hub.ts):
// HF's cache layout, cache hits without downloads, offline mode, resumable `.incomplete`
// downloads, hash checks, gated/missing repos, relative redirects, HF_ENDPOINT/HF_TOKEN.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync, mkdirSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FakeHub, sha256, gitBlobSha1 } from "./fake_hub.js";
import { hf_hub_download, GatedRepoError, RepositoryNotFoundError, LocalEntryNotFoundError, EntryNotFoundError } from "../../src/huggingface_hub/index.js";
import * as torch from "../../src/torch/index.js";
import { AutoModelForSequenceClassification } from "../../src/transformers/models/auto/modeling_auto.js";
import { BertForSequenceClassification } from "../../src/transformers/models/bert/modeling_bert.js";

const FIXTURE = path.resolve(import.meta.dirname, "../../../shared/fixtures/models/bert-tiny-cls");
const config = readFileSync(path.join(FIXTURE, "config.json"));
const weights = readFileSync(path.join(FIXTURE, "model.safetensors"));
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const hub = new FakeHub(
  {
    "org/tiny-bert": { commit: COMMIT, files: { "config.json": { content: config }, "model.safetensors": { content: weights, lfs: true } } },
    "org/broken": { commit: COMMIT, files: { "model.safetensors": { content: weights, lfs: true, corrupt: Buffer.concat([weights.subarray(0, 100), Buffer.alloc(weights.length - 100)]) } } },
    "org/gated": { commit: COMMIT, gated_token: "hf_good", files: { "config.json": { content: config } } },
  },
  { "old-org/tiny-bert": "org/tiny-bert" },
);

let cache = "";
const saved = { ...process.env };
before(async () => {
  process.env.HF_ENDPOINT = await hub.start();
  delete process.env.HF_TOKEN;
  delete process.env.HF_HUB_OFFLINE;
});
after(async () => {
  await hub.stop();
  process.env = saved;
});
function freshCache(): string {
  cache = mkdtempSync(path.join(os.tmpdir(), "fts-hub-"));
  process.env.HF_HUB_CACHE = cache;
  return cache;
}

test("downloads into HF's cache layout: blobs/<etag>, snapshots/<commit>/<file> → blob, refs/main", async () => {
  freshCache();
  const cfg = await hf_hub_download("org/tiny-bert", "config.json", { progress: false });
  const st = await hf_hub_download("org/tiny-bert", "model.safetensors", { progress: false });
  const repo = path.join(cache, "models--org--tiny-bert");
  assert.equal(cfg, path.join(repo, "snapshots", COMMIT, "config.json"));
  assert.equal(readFileSync(path.join(repo, "refs", "main"), "utf8"), COMMIT);
  assert.ok(lstatSync(st).isSymbolicLink());
  assert.equal(readlinkSync(st), path.join("..", "..", "blobs", sha256(weights)));
  assert.equal(readlinkSync(cfg), path.join("..", "..", "blobs", gitBlobSha1(config)));
  assert.ok(readFileSync(st).equals(weights));
  assert.deepEqual(readdirSync(path.join(repo, "blobs")).sort(), [gitBlobSha1(config), sha256(weights)].sort());
});

test("a cached file is not downloaded again; HF_HUB_OFFLINE=1 makes no request at all", async () => {
  freshCache();
  await hf_hub_download("org/tiny-bert", "model.safetensors", { progress: false });
  const gets = hub.count("GET", /cdn/);
  await hf_hub_download("org/tiny-bert", "model.safetensors", { progress: false });
  assert.equal(hub.count("GET", /cdn/), gets);
  const before = hub.log.length;
  process.env.HF_HUB_OFFLINE = "1";
  try {
    const p = await hf_hub_download("org/tiny-bert", "model.safetensors");
    assert.ok(readFileSync(p).equals(weights));
    assert.equal(hub.log.length, before);
    await assert.rejects(hf_hub_download("org/tiny-bert", "vocab.txt"), (e: Error) => e instanceof LocalEntryNotFoundError && /HF_HUB_OFFLINE=1/.test(e.message) && /vocab\.txt/.test(e.message));
  } finally {
    delete process.env.HF_HUB_OFFLINE;
  }
  await assert.rejects(hf_hub_download("org/tiny-bert", "vocab.txt", { local_files_only: true }), /local_files_only/);
});

test("an interrupted download resumes from its .incomplete file with a Range request", async () => {
  freshCache();
  const blobs = path.join(cache, "models--org--tiny-bert", "blobs");
  mkdirSync(blobs, { recursive: true });
  writeFileSync(path.join(blobs, `${sha256(weights)}.incomplete`), weights.subarray(0, 1000));
  const p = await hf_hub_download("org/tiny-bert", "model.safetensors", { progress: false });
  assert.ok(readFileSync(p).equals(weights));
  assert.equal(hub.log.filter((l) => l.range === "bytes=1000-").length, 1);
  assert.equal(existsSync(path.join(blobs, `${sha256(weights)}.incomplete`)), false);
});

test("content that does not match the sha256 ETag is rejected and not kept", async () => {
  freshCache();
  await assert.rejects(hf_hub_download("org/broken", "model.safetensors", { progress: false }), /Consistency check failed/);
  const blobs = path.join(cache, "models--org--broken", "blobs");
  assert.deepEqual(existsSync(blobs) ? readdirSync(blobs) : [], []);
});

test("gated repo: 401 GatedRepoError without a token, success with HF_TOKEN", async () => {
  freshCache();
  await assert.rejects(hf_hub_download("org/gated", "config.json", { progress: false }), (e: Error) => e instanceof GatedRepoError && /gated repo/.test(e.message));
  process.env.HF_TOKEN = "hf_good";
  try {
    const p = await hf_hub_download("org/gated", "config.json", { progress: false });
    assert.ok(readFileSync(p).equals(config));
    assert.equal(hub.log.at(-1)!.auth, "Bearer hf_good");
  } finally {
    delete process.env.HF_TOKEN;
  }
});

test("a missing repo or file gets HF's error class and a clear message", async () => {
  freshCache();
  await assert.rejects(hf_hub_download("nobody/nothing", "config.json", { progress: false }), (e: Error) => e instanceof RepositoryNotFoundError && /Repository Not Found for url: .*nobody\/nothing/.test(e.message));
  await assert.rejects(hf_hub_download("org/tiny-bert", "nope.json", { progress: false }), (e: Error) => e instanceof EntryNotFoundError);
});

test("a renamed repo's relative redirect is followed", async () => {
  freshCache();
  const p = await hf_hub_download("old-org/tiny-bert", "config.json", { progress: false });
  assert.ok(readFileSync(p).equals(config));
});

test("AutoModelForSequenceClassification.from_pretrained(repo id) goes through the hub and the cache", async () => {
  freshCache();
  const byName = await AutoModelForSequenceClassification.from_pretrained("org/tiny-bert", { verbose: false });
  const local = await BertForSequenceClassification.from_pretrained(FIXTURE, { verbose: false });
  assert.equal(byName.constructor.name, "BertForSequenceClassification");
  for (const [k, v] of local.state_dict()) assert.ok(v.equal(byName.state_dict().get(k)!), k);
  process.env.HF_HUB_OFFLINE = "1";
  try {
    const offline = await AutoModelForSequenceClassification.from_pretrained("org/tiny-bert", { verbose: false });
    offline.dispose();
  } finally {
    delete process.env.HF_HUB_OFFLINE;
  }
  byName.dispose();
  local.dispose();
  void torch;
});
