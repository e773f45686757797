// File plumbing for the loaders and writers: reading (gzip by magic bytes, any TextDecoder
// encoding), resolving data_files patterns (`*`, `**`, `?`, `[...]`) against a folder, and
// streaming writes through a temp file + rename.
import { randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { TextDecoder } from "node:util";
import { gunzipSync } from "node:zlib";
import { FileNotFoundError, ValueError } from "../../utils/errors.js";

/** A file to read, and how errors name it (a relative path, or repo/file for the Hub). */
export interface SourceFile {
  path: string;
  display: string;
}

export async function readBytes(file: SourceFile): Promise<Uint8Array> {
  let buf: Uint8Array;
  try {
    buf = await readFile(file.path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new FileNotFoundError(`Unable to find '${file.display}'`);
    throw e;
  }
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  return buf;
}

export async function readText(file: SourceFile, encoding = "utf-8"): Promise<string> {
  const bytes = await readBytes(file);
  let dec: TextDecoder;
  try {
    dec = new TextDecoder(encoding);
  } catch {
    throw new ValueError(`${file.display}: unknown encoding "${encoding}"`);
  }
  return dec.decode(bytes);
}

function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") {
      if (glob[i + 1] === "*") {
        // "**/" matches zero or more folders; a bare "**" anything.
        if (glob[i + 2] === "/") {
          re += "(?:.*/)?";
          i += 2;
        } else {
          re += ".*";
          i += 1;
        }
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else re += /[.+^${}()|\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${re}$`);
}

export function hasMagic(p: string): boolean {
  return /[*?[]/.test(p);
}

/** Matches repo-relative paths against a glob (HF's patterns; hidden files never match "*"). */
export function matchGlob(glob: string, paths: readonly string[]): string[] {
  const re = globToRegExp(glob);
  return paths.filter((p) => re.test(p) && !p.split("/").some((part) => part.startsWith(".") || part.startsWith("__")));
}

async function walk(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(path.join(dir, e.name), rel)));
    else if (e.isFile() || e.isSymbolicLink()) out.push(rel);
  }
  return out;
}

/** All files under `dir` as "/"-separated relative paths, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  return (await walk(dir)).sort();
}

/** Resolves one data_files entry (a path or a glob) to existing files, relative to `base`. */
export async function resolvePattern(pattern: string, base: string): Promise<SourceFile[]> {
  const abs = path.resolve(base, pattern);
  if (!hasMagic(pattern)) {
    if (!existsSync(abs)) throw new FileNotFoundError(`Unable to find '${abs}'`);
    if (statSync(abs).isDirectory()) {
      return (await listFiles(abs)).filter((f) => !f.split("/").some((p) => p.startsWith("."))).map((f) => ({ path: path.join(abs, f), display: path.join(pattern, f) }));
    }
    return [{ path: abs, display: pattern }];
  }
  // Walk from the deepest folder without wildcards.
  const parts = abs.split(path.sep);
  const firstMagic = parts.findIndex(hasMagic);
  const root = parts.slice(0, firstMagic).join(path.sep) || path.sep;
  if (!existsSync(root)) throw new FileNotFoundError(`Unable to find '${abs}'`);
  const rel = parts.slice(firstMagic).join("/");
  const hits = matchGlob(rel, await listFiles(root));
  if (hits.length === 0) throw new FileNotFoundError(`Unable to find '${abs}' (no file matches the pattern)`);
  return hits.map((h) => ({ path: path.join(root, h), display: path.relative(base, path.join(root, h)) || h }));
}

/** Streams text chunks into `target` through a temp file, then renames; returns bytes written. */
export async function writeTextChunks(target: string, chunks: Iterable<string>): Promise<number> {
  const abs = path.resolve(target);
  await mkdir(path.dirname(abs), { recursive: true });
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  const fh = await open(tmp, "w");
  let bytes = 0;
  try {
    for (const c of chunks) {
      const buf = Buffer.from(c, "utf8");
      bytes += buf.length;
      await fh.write(buf);
    }
    await fh.close();
    await rename(tmp, abs);
  } catch (e) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw e;
  }
  return bytes;
}
