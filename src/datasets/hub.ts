// Hub dataset repos for load_dataset("org/name"): list the repo's files through the Hub API
// (`GET {endpoint}/api/datasets/{repo_id}/revision/{revision}` → `{sha, siblings: [{rfilename}]}`,
// as HfApi.dataset_info), read the dataset card's `configs:` / `dataset_info: features:` when
// there is one, else pick split files by HF's naming patterns, and download them with
// hf_hub_download (repo_type "dataset") into the shared HF cache. Offline (HF_HUB_OFFLINE=1, or
// the Hub unreachable) the listing comes from the cached snapshot of refs/<revision>.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_REVISION, HF_ENDPOINT, HF_HUB_CACHE, HF_HUB_OFFLINE, get_token } from "../huggingface_hub/constants.js";
import { HfHubHTTPError, LocalEntryNotFoundError, RepositoryNotFoundError, RevisionNotFoundError } from "../huggingface_hub/errors.js";
import { hf_hub_download, repo_folder_name } from "../huggingface_hub/file_download.js";
import { FileNotFoundError, ValueError } from "../utils/errors.js";
import { ClassLabel, Features, List, Value, type FeatureType, type ValueDType } from "./features.js";
import { inferSplits } from "./data_files.js";
import { listFiles, matchGlob, hasMagic, type SourceFile } from "./io/files.js";
import { are_progress_bars_disabled, atomicWriteFile } from "./utils.js";
import { readmeFrontMatter, type Yaml } from "./yaml.js";

export interface HubOptions {
  revision?: string | null;
  cache_dir?: string | null;
  token?: string | null;
}

export interface RepoListing {
  sha: string;
  files: string[];
  /** True when listed from the local snapshot (offline): only cached files are known. */
  from_cache: boolean;
}

function offline(): boolean {
  const v = process.env.HF_DATASETS_OFFLINE;
  return HF_HUB_OFFLINE() || (v !== undefined && ["1", "ON", "YES", "TRUE"].includes(v.toUpperCase()));
}

/** The cached snapshot of `revision`, listed (offline mode). */
async function cachedListing(repo_id: string, revision: string, cacheDir: string, why: string): Promise<RepoListing> {
  const repoDir = path.join(cacheDir, repo_folder_name(repo_id, "dataset"));
  const sha = /^[0-9a-f]{40}$/.test(revision) ? revision : existsSync(path.join(repoDir, "refs", revision)) ? readFileSync(path.join(repoDir, "refs", revision), "utf8").trim() : null;
  const snap = sha ? path.join(repoDir, "snapshots", sha) : null;
  if (!sha || !snap || !existsSync(snap)) {
    throw new LocalEntryNotFoundError(`Couldn't find dataset '${repo_id}' (revision ${revision}) in the cache at ${repoDir}, and ${why}. Load it once with network access, or pass local files with load_dataset("csv", { data_files }).`);
  }
  return { sha, files: await listFiles(snap), from_cache: true };
}

/** HfApi.dataset_info(repo_id, revision): the commit sha and the repo's file paths. */
export async function listRepoFiles(repo_id: string, o: HubOptions = {}): Promise<RepoListing> {
  const revision = o.revision ?? DEFAULT_REVISION;
  const cacheDir = o.cache_dir ?? HF_HUB_CACHE();
  if (offline()) return cachedListing(repo_id, revision, cacheDir, "HF_HUB_OFFLINE=1 is set");
  const url = `${HF_ENDPOINT()}/api/datasets/${repo_id}/revision/${encodeURIComponent(revision)}`;
  const headers: Record<string, string> = { "user-agent": "finetune-ts; datasets/compatible" };
  const token = o.token === undefined ? get_token() : o.token;
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(url, { headers });
  } catch (e) {
    // Unreachable Hub: use the cache, as huggingface_hub does.
    return cachedListing(repo_id, revision, cacheDir, `the Hub at ${HF_ENDPOINT()} could not be reached (${(e as Error).message})`);
  }
  if (!res.ok) {
    const code = res.headers.get("x-error-code");
    if (code === "RevisionNotFound") throw new RevisionNotFoundError(`${res.status} Client Error. Revision Not Found for url: ${url}.`, res.status);
    if (res.status === 401 || res.status === 403 || res.status === 404 || code === "RepoNotFound" || code === "GatedRepo") {
      throw new RepositoryNotFoundError(`Dataset '${repo_id}' doesn't exist on the Hub or cannot be accessed (${res.status} for ${url}). If it is private or gated, set HF_TOKEN; for local files use load_dataset("csv"|"json"|"parquet"|"text", { data_files }).`, res.status);
    }
    throw new HfHubHTTPError(`${res.status} Server Error for url: ${url}`, res.status);
  }
  const body = (await res.json()) as { sha?: string; siblings?: Array<{ rfilename: string }> };
  if (!body.sha || !Array.isArray(body.siblings)) throw new HfHubHTTPError(`unexpected answer from ${url}: no sha/siblings; is HF_ENDPOINT a Hugging Face Hub?`);
  // Remember which commit `revision` is, so offline loading finds the snapshot (as snapshot_download does).
  if (!/^[0-9a-f]{40}$/.test(revision)) await atomicWriteFile(path.join(cacheDir, repo_folder_name(repo_id, "dataset"), "refs", revision), body.sha);
  return { sha: body.sha, files: body.siblings.map((s) => s.rfilename).sort(), from_cache: false };
}

export async function downloadRepoFile(repo_id: string, file: string, sha: string, o: HubOptions): Promise<SourceFile> {
  const p = await hf_hub_download(repo_id, file, { repo_type: "dataset", revision: sha, cache_dir: o.cache_dir ?? undefined, token: o.token, local_files_only: offline(), progress: !are_progress_bars_disabled() });
  return { path: p, display: `${repo_id}/${file}` };
}

// ---- dataset card ---------------------------------------------------------------------------

function dtypeFeature(d: Yaml, where: string): FeatureType {
  if (typeof d === "string") return new Value(d as ValueDType);
  if (d && typeof d === "object" && !Array.isArray(d) && "class_label" in d) {
    const names = (d.class_label as { names?: Yaml })?.names;
    if (names && typeof names === "object" && !Array.isArray(names)) {
      const entries = Object.entries(names).sort((a, b) => Number(a[0]) - Number(b[0]));
      return new ClassLabel({ names: entries.map(([, v]) => String(v)) });
    }
    if (Array.isArray(names)) return new ClassLabel({ names: names.map(String) });
  }
  throw new ValueError(`${where}: unsupported dtype ${JSON.stringify(d)}`);
}

function yamlFeature(item: { [k: string]: Yaml }, where: string): FeatureType {
  if ("dtype" in item) return dtypeFeature(item.dtype, where);
  for (const key of ["sequence", "list", "large_list"]) {
    if (key in item) {
      const inner = item[key];
      if (typeof inner === "string") return new List(new Value(inner as ValueDType));
      if (Array.isArray(inner)) return new List(yamlFeatures(inner, where));
      return new List(yamlFeature(inner as { [k: string]: Yaml }, where));
    }
  }
  if ("struct" in item && Array.isArray(item.struct)) return yamlFeatures(item.struct, where);
  throw new ValueError(`${where}: unsupported feature ${JSON.stringify(item)}`);
}

function yamlFeatures(list: Yaml[], where: string): { [k: string]: FeatureType } {
  return Object.fromEntries(list.map((it) => {
    const item = it as { [k: string]: Yaml };
    return [String(item.name), yamlFeature(item, `${where}.${String(item.name)}`)];
  }));
}

export interface CardConfig {
  data_files: Record<string, string[]> | null;
  data_dir: string | null;
  features: Features | null;
}

/** The card's config `name` (default: the one marked default, else "default", else the first). */
export function readCard(readme: string, name: string | null, display: string): CardConfig | null {
  let meta: Yaml;
  try {
    meta = readmeFrontMatter(readme);
  } catch {
    return null; // YAML beyond our subset: fall back to file-name patterns
  }
  if (!meta || typeof meta !== "object" || Array.isArray(meta)) return null;
  const configs = Array.isArray(meta.configs) ? (meta.configs as Array<{ [k: string]: Yaml }>) : [];
  const pick = <T extends { [k: string]: Yaml }>(list: T[]): T | undefined =>
    name ? list.find((c) => c.config_name === name) : (list.find((c) => c.default === true) ?? list.find((c) => (c.config_name ?? "default") === "default") ?? list[0]);
  const cfg = pick(configs);
  if (name && configs.length && !cfg) throw new ValueError(`${display}: no config "${name}"; available: ${configs.map((c) => String(c.config_name)).join(", ")}`);
  let data_files: Record<string, string[]> | null = null;
  const df = cfg?.data_files;
  if (typeof df === "string") data_files = { train: [df] };
  else if (Array.isArray(df)) {
    data_files = {};
    for (const e of df) {
      if (typeof e === "string") (data_files.train ??= []).push(e);
      else if (e && typeof e === "object" && !Array.isArray(e)) {
        const p = e.path;
        (data_files[String(e.split ?? "train")] ??= []).push(...(Array.isArray(p) ? p.map(String) : [String(p)]));
      }
    }
  }
  const infos = Array.isArray(meta.dataset_info) ? (meta.dataset_info as Array<{ [k: string]: Yaml }>) : meta.dataset_info ? [meta.dataset_info as { [k: string]: Yaml }] : [];
  const info = name ? infos.find((i) => i.config_name === name) : (infos.find((i) => (i.config_name ?? "default") === (cfg?.config_name ?? "default")) ?? infos[0]);
  let features: Features | null = null;
  if (info && Array.isArray(info.features)) {
    try {
      features = new Features(yamlFeatures(info.features, `${display} dataset_info.features`));
    } catch {
      features = null;
    }
  }
  return { data_files, data_dir: typeof cfg?.data_dir === "string" ? cfg.data_dir : null, features };
}

/** Split → repo files, from explicit data_files (globs allowed), the card, or HF's patterns. */
export function selectSplitFiles(files: string[], o: { data_files?: Record<string, string[]> | null; data_dir?: string | null }, display: string): Record<string, string[]> {
  const under = o.data_dir ? files.filter((f) => f.startsWith(`${o.data_dir!.replace(/\/+$/, "")}/`)) : files;
  if (o.data_files) {
    const out: Record<string, string[]> = {};
    for (const [split, patterns] of Object.entries(o.data_files)) {
      const hits: string[] = [];
      for (const p of patterns) {
        const full = o.data_dir ? `${o.data_dir.replace(/\/+$/, "")}/${p}` : p;
        const m = hasMagic(full) ? matchGlob(full, under) : under.includes(full) ? [full] : [];
        if (m.length === 0) throw new FileNotFoundError(`Unable to find '${full}' in ${display} (files: ${files.slice(0, 20).join(", ")}${files.length > 20 ? ", …" : ""})`);
        hits.push(...m);
      }
      out[split] = hits;
    }
    return out;
  }
  const rel = o.data_dir ? under.map((f) => f.slice(o.data_dir!.replace(/\/+$/, "").length + 1)) : under;
  const splits = inferSplits(rel);
  return o.data_dir ? Object.fromEntries(Object.entries(splits).map(([k, v]) => [k, v.map((f) => `${o.data_dir!.replace(/\/+$/, "")}/${f}`)])) : splits;
}
