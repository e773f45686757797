// hf_hub_download (huggingface_hub/file_download.py): resolve a file of a Hub repo into the
// cache that Python shares — models--org--name/{blobs/<etag>, snapshots/<commit>/<file> → blob,
// refs/<revision>} — with resumable `.incomplete` downloads, ETag/sha256 checks, atomic renames,
// HF_ENDPOINT / HF_TOKEN / HF_HUB_OFFLINE, and HF's error classes.
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, open, readFile, rename, rm, stat, symlink, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_REVISION, HF_ENDPOINT, HF_HUB_CACHE, HF_HUB_OFFLINE, get_token, type RepoType } from "./constants.js";
import { EntryNotFoundError, GatedRepoError, HfHubHTTPError, LocalEntryNotFoundError, RepositoryNotFoundError, RevisionNotFoundError } from "./errors.js";
import { Progress } from "../utils/progress.js";

export interface DownloadOptions {
  repo_type?: RepoType;
  revision?: string;
  cache_dir?: string;
  local_files_only?: boolean;
  token?: string | null;
  endpoint?: string;
  /** Show a progress bar (default: true). */
  progress?: boolean;
}

export interface HfFileMetadata {
  commit_hash: string | null;
  etag: string | null;
  location: string;
  size: number | null;
}

const COMMIT_RE = /^[0-9a-f]{40}$/;

/** models--org--name (datasets--…, spaces--…): the cache folder name of a repo. */
export function repo_folder_name(repo_id: string, repo_type: RepoType = "model"): string {
  return [`${repo_type}s`, ...repo_id.split("/")].join("--");
}

export function hf_hub_url(repo_id: string, filename: string, options: { repo_type?: RepoType; revision?: string; endpoint?: string } = {}): string {
  const prefix = options.repo_type === "dataset" ? "datasets/" : options.repo_type === "space" ? "spaces/" : "";
  const rev = encodeURIComponent(options.revision ?? DEFAULT_REVISION);
  const file = filename.split("/").map(encodeURIComponent).join("/");
  return `${(options.endpoint ?? HF_ENDPOINT()).replace(/\/+$/, "")}/${prefix}${repo_id}/resolve/${rev}/${file}`;
}

function normalizeEtag(etag: string | null): string | null {
  if (!etag) return null;
  return etag.replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}

function headers(token: string | null | undefined): Record<string, string> {
  const h: Record<string, string> = { "user-agent": "finetune-ts; huggingface_hub/compatible" };
  const t = token === undefined ? get_token() : token;
  if (t) h.authorization = `Bearer ${t}`;
  return h;
}

/** Maps a failed response to HF's error classes and messages (hf_raise_for_status). */
function raiseForStatus(res: Response, url: string, repo_id: string): void {
  if (res.ok || (res.status >= 300 && res.status < 400)) return;
  const code = res.headers.get("x-error-code");
  const hint = "Please make sure you specified the correct `repo_id` and `repo_type`.\nIf you are trying to access a private or gated repo, make sure you are authenticated (HF_TOKEN).";
  if (code === "GatedRepo") throw new GatedRepoError(`${res.status} Client Error. Cannot access gated repo for url ${url}. Access to model ${repo_id} is restricted; you must have access to it and be authenticated (HF_TOKEN).`, res.status);
  if (code === "RepoNotFound" || (res.status === 401 && code !== "EntryNotFound" && code !== "RevisionNotFound")) {
    throw new RepositoryNotFoundError(`${res.status} Client Error. Repository Not Found for url: ${url}.\n${hint}`, res.status);
  }
  if (code === "RevisionNotFound") throw new RevisionNotFoundError(`${res.status} Client Error. Revision Not Found for url: ${url}.`, res.status);
  if (code === "EntryNotFound" || res.status === 404) throw new EntryNotFoundError(`${res.status} Client Error. Entry Not Found for url: ${url}.`, res.status);
  throw new HfHubHTTPError(`${res.status} Server Error for url: ${url}`, res.status);
}

/** HEAD the resolve URL without following the CDN redirect: commit, etag, size, where to GET. */
export async function get_hf_file_metadata(url: string, options: { token?: string | null; repo_id?: string } = {}): Promise<HfFileMetadata> {
  let current = url;
  for (let hops = 0; hops < 5; hops++) {
    const res = await fetch(current, { method: "HEAD", redirect: "manual", headers: { ...headers(options.token), "accept-encoding": "identity" } });
    raiseForStatus(res, current, options.repo_id ?? "");
    const location = res.headers.get("location");
    // Relative redirects (a renamed repo) are followed; an absolute one is the CDN for LFS files.
    if (res.status >= 300 && res.status < 400 && location && location.startsWith("/")) {
      current = new URL(location, current).toString();
      continue;
    }
    const size = res.headers.get("x-linked-size") ?? res.headers.get("content-length");
    return {
      commit_hash: res.headers.get("x-repo-commit"),
      etag: normalizeEtag(res.headers.get("x-linked-etag") ?? res.headers.get("etag")),
      location: location ? new URL(location, current).toString() : current,
      size: size === null ? null : Number(size),
    };
  }
  throw new HfHubHTTPError(`too many redirects for ${url}`);
}

/** The cached path of a file for a revision, or null (huggingface_hub.try_to_load_from_cache). */
export function try_to_load_from_cache(repo_id: string, filename: string, options: { cache_dir?: string; revision?: string; repo_type?: RepoType } = {}): string | null {
  const repoDir = path.join(options.cache_dir ?? HF_HUB_CACHE(), repo_folder_name(repo_id, options.repo_type));
  const revision = options.revision ?? DEFAULT_REVISION;
  let commit = revision;
  if (!COMMIT_RE.test(revision)) {
    const ref = path.join(repoDir, "refs", revision);
    if (!existsSync(ref)) return null;
    commit = readFileSync(ref, "utf8").trim();
  }
  const file = path.join(repoDir, "snapshots", commit, ...filename.split("/"));
  return existsSync(file) ? file : null;
}

async function hashFile(file: string, algo: "sha256" | "sha1", prefix?: string): Promise<string> {
  const h = createHash(algo);
  if (prefix) h.update(prefix);
  await new Promise<void>((resolve, reject) => {
    createReadStream(file).on("data", (c) => h.update(c)).on("end", () => resolve()).on("error", reject);
  });
  return h.digest("hex");
}

/** LFS ETags are the sha256 of the content; plain git files' are the git blob sha1. */
async function verify(file: string, etag: string, url: string): Promise<void> {
  const size = statSync(file).size;
  let got: string | null = null;
  if (/^[0-9a-f]{64}$/.test(etag)) got = await hashFile(file, "sha256");
  else if (/^[0-9a-f]{40}$/.test(etag)) got = await hashFile(file, "sha1", `blob ${size}\0`);
  if (got !== null && got !== etag) {
    throw new HfHubHTTPError(`Consistency check failed: the file downloaded from ${url} has hash ${got}, but the server's ETag is ${etag}. Please retry.`);
  }
}

async function download(url: string, dest: string, meta: HfFileMetadata, token: string | null | undefined, label: string, showProgress: boolean): Promise<void> {
  const incomplete = `${dest}.incomplete`;
  let resumeFrom = existsSync(incomplete) ? (await stat(incomplete)).size : 0;
  const h = headers(token);
  if (resumeFrom > 0) h.range = `bytes=${resumeFrom}-`;
  const res = await fetch(meta.location, { headers: h, redirect: "follow" });
  if (res.status === 416) resumeFrom = 0; // the partial file is already whole or invalid: start over
  else raiseForStatus(res, url, "");
  if (res.status !== 206) resumeFrom = 0; // the server ignored the range: rewrite from the start
  const fh = await open(incomplete, resumeFrom > 0 ? "a" : "w");
  const bar = showProgress ? new Progress({ total: meta.size, label, unit: "B" }) : null;
  bar?.resume(resumeFrom);
  try {
    if (res.status !== 416 && res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        await fh.write(chunk);
        bar?.update(chunk.length);
      }
    }
  } finally {
    await fh.close();
    bar?.close();
  }
  const size = (await stat(incomplete)).size;
  if (meta.size !== null && size !== meta.size) {
    throw new HfHubHTTPError(`download of ${url} stopped at ${size} of ${meta.size} bytes; run again to resume`);
  }
  if (meta.etag) {
    try {
      await verify(incomplete, meta.etag, url);
    } catch (e) {
      await unlink(incomplete).catch(() => undefined);
      throw e;
    }
  }
  await rename(incomplete, dest);
}

/**
 * Downloads `filename` from a Hub repo (or finds it in the cache) and returns its local path.
 * @example
 * const cfg = await hf_hub_download("distilbert-base-uncased", "config.json");
 */
export async function hf_hub_download(repo_id: string, filename: string, options: DownloadOptions = {}): Promise<string> {
  const revision = options.revision ?? DEFAULT_REVISION;
  const cacheDir = options.cache_dir ?? HF_HUB_CACHE();
  const repoDir = path.join(cacheDir, repo_folder_name(repo_id, options.repo_type));
  const offline = options.local_files_only || HF_HUB_OFFLINE();
  const cached = (): string | null => try_to_load_from_cache(repo_id, filename, { cache_dir: cacheDir, revision, repo_type: options.repo_type });
  if (offline) {
    const p = cached();
    if (p) return p;
    throw new LocalEntryNotFoundError(
      `Cannot find the requested file '${filename}' of '${repo_id}' (revision ${revision}) in the local cache at ${repoDir}, and ${options.local_files_only ? "local_files_only is set" : "HF_HUB_OFFLINE=1 is set"}, so it was not downloaded. ` +
        "Download it once with network access (unset HF_HUB_OFFLINE), or pass a local folder.",
    );
  }
  const url = hf_hub_url(repo_id, filename, { repo_type: options.repo_type, revision, endpoint: options.endpoint });
  let meta: HfFileMetadata;
  try {
    meta = await get_hf_file_metadata(url, { token: options.token, repo_id });
  } catch (e) {
    // Unreachable Hub: fall back to the cache as huggingface_hub does; HTTP errors are final.
    if (e instanceof HfHubHTTPError) throw e;
    const p = cached();
    if (p) return p;
    throw new LocalEntryNotFoundError(`Could not reach ${HF_ENDPOINT()} to download '${filename}' of '${repo_id}' (${(e as Error).message}) and it is not in the cache at ${repoDir}. Check your connection or HF_ENDPOINT, or use a local folder.`);
  }
  const commit = meta.commit_hash ?? (COMMIT_RE.test(revision) ? revision : null);
  if (!commit || !meta.etag) throw new HfHubHTTPError(`the server did not return a commit hash and an ETag for ${url}; is HF_ENDPOINT a Hugging Face Hub?`);
  const blob = path.join(repoDir, "blobs", meta.etag);
  const pointer = path.join(repoDir, "snapshots", commit, ...filename.split("/"));
  if (!COMMIT_RE.test(revision) && revision !== commit) {
    await mkdir(path.join(repoDir, "refs", ...path.dirname(revision).split("/").filter((p) => p !== ".")), { recursive: true });
    await writeFile(path.join(repoDir, "refs", revision), commit);
  }
  if (existsSync(pointer)) return pointer;
  await mkdir(path.dirname(blob), { recursive: true });
  if (!existsSync(blob)) await download(url, blob, meta, options.token, filename, options.progress ?? true);
  await mkdir(path.dirname(pointer), { recursive: true });
  await rm(pointer, { force: true });
  await symlink(path.relative(path.dirname(pointer), blob), pointer).catch(async () => {
    // No symlinks (some filesystems): copy, as huggingface_hub does on Windows.
    await writeFile(pointer, await readFile(blob));
  });
  return pointer;
}
