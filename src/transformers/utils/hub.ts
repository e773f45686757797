// transformers/utils/hub.py: `cached_file` — a file of a local folder, or of a Hub repo through
// the shared cache (huggingface_hub). Everything that loads by name goes through here.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { hf_hub_download, EntryNotFoundError, type DownloadOptions } from "../../huggingface_hub/index.js";
import { OSError } from "../../utils/errors.js";

export interface CachedFileOptions extends DownloadOptions {
  /** Return null instead of throwing when the file does not exist (optional files). */
  optional?: boolean;
  /** A folder inside the repo (HF's `subfolder`). */
  subfolder?: string;
}

export function isLocalDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

/** The local path of `filename` for a folder or a repo id; null for a missing optional file. */
export async function cached_file(path_or_repo_id: string, filename: string, options: CachedFileOptions & { optional: true }): Promise<string | null>;
export async function cached_file(path_or_repo_id: string, filename: string, options?: CachedFileOptions): Promise<string>;
export async function cached_file(path_or_repo_id: string, filename: string, options: CachedFileOptions = {}): Promise<string | null> {
  const rel = options.subfolder ? `${options.subfolder}/${filename}` : filename;
  if (isLocalDir(path_or_repo_id)) {
    const file = path.join(path_or_repo_id, ...rel.split("/"));
    if (existsSync(file)) return file;
    if (options.optional) return null;
    throw new OSError(`${path_or_repo_id} does not appear to have a file named ${rel}.`);
  }
  if (existsSync(path_or_repo_id) || path_or_repo_id.startsWith(".") || path_or_repo_id.startsWith("/") || path_or_repo_id.split("/").length > 2) {
    throw new OSError(`Incorrect path_or_model_id: '${path_or_repo_id}'. Please provide either the path to a local folder or the repo_id of a model on the Hub.`);
  }
  try {
    return await hf_hub_download(path_or_repo_id, rel, options);
  } catch (e) {
    if (options.optional && e instanceof EntryNotFoundError) return null;
    if (e instanceof EntryNotFoundError) {
      throw new OSError(`${path_or_repo_id} does not appear to have a file named ${rel}. Checkout 'https://huggingface.co/${path_or_repo_id}/tree/${options.revision ?? "main"}' for available files.`);
    }
    throw e;
  }
}

/** The first of `filenames` that exists (e.g. model.safetensors, then pytorch_model.bin). */
export async function first_cached_file(path_or_repo_id: string, filenames: string[], options: CachedFileOptions = {}): Promise<[string, string] | null> {
  for (const f of filenames) {
    const p = await cached_file(path_or_repo_id, f, { ...options, optional: true });
    if (p) return [f, p];
  }
  return null;
}
