// A fake Hugging Face Hub on 127.0.0.1 for tests: the resolve endpoint with HF's headers
// (X-Repo-Commit, ETag / X-Linked-Etag / X-Linked-Size), the 302 to a "CDN" for LFS files with
// Range support, a relative 307 for a renamed repo, 401 + X-Error-Code for a gated repo, 404s.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";

export interface FakeFile {
  content: Buffer;
  /** served through the CDN redirect with a sha256 ETag, like LFS files */
  lfs?: boolean;
  /** serve these bytes instead of `content` (to test the hash check) */
  corrupt?: Buffer;
}
export interface FakeRepo {
  commit: string;
  files: Record<string, FakeFile>;
  gated_token?: string;
}

export interface RequestLog {
  method: string;
  url: string;
  range?: string;
  auth?: string;
}

export function gitBlobSha1(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}
export function sha256(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

export class FakeHub {
  readonly log: RequestLog[] = [];
  private server: Server;
  endpoint = "";
  constructor(readonly repos: Record<string, FakeRepo>, readonly renamed: Record<string, string> = {}) {
    this.server = createServer((req, res) => this.handle(req, res));
  }
  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.endpoint;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
  count(method: string, pattern: RegExp): number {
    return this.log.filter((l) => l.method === method && pattern.test(l.url)).length;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const raw = req.url ?? "/";
    const url = decodeURIComponent(raw);
    this.log.push({ method: req.method ?? "", url, range: req.headers.range, auth: req.headers.authorization });
    const cdn = /^\/cdn\/([^/]+)\/(.+)$/.exec(raw);
    if (cdn) return this.serveBytes(req, res, this.fileOf(cdn[1], cdn[2]));
    const m = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(url);
    if (!m) return this.fail(res, 404, "RepoNotFound");
    const [, repoId, revision, filename] = m;
    if (this.renamed[repoId]) {
      res.writeHead(307, { location: `/${this.renamed[repoId]}/resolve/${revision}/${filename}` });
      return void res.end();
    }
    const repo = this.repos[repoId];
    if (!repo) return this.fail(res, 401, "RepoNotFound");
    if (repo.gated_token && req.headers.authorization !== `Bearer ${repo.gated_token}`) return this.fail(res, 401, "GatedRepo");
    if (revision !== "main" && revision !== repo.commit) return this.fail(res, 404, "RevisionNotFound");
    const file = repo.files[filename];
    if (!file) return this.fail(res, 404, "EntryNotFound");
    const common = { "x-repo-commit": repo.commit };
    if (file.lfs) {
      res.writeHead(302, {
        ...common,
        location: `${this.endpoint}/cdn/${encodeURIComponent(repoId)}/${filename}`,
        "x-linked-etag": `"${sha256(file.content)}"`,
        "x-linked-size": String(file.content.length),
        etag: `"${gitBlobSha1(Buffer.from("pointer"))}"`,
      });
      return void res.end();
    }
    res.setHeader("x-repo-commit", repo.commit);
    res.setHeader("etag", `"${gitBlobSha1(file.content)}"`);
    return this.serveBytes(req, res, file);
  }

  private fileOf(repoId: string, filename: string): FakeFile | undefined {
    return this.repos[decodeURIComponent(repoId)]?.files[filename];
  }

  private serveBytes(req: IncomingMessage, res: ServerResponse, file: FakeFile | undefined): void {
    if (!file) return this.fail(res, 404, "EntryNotFound");
    const body = file.corrupt ?? file.content;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    if (range) {
      const start = Number(range[1]);
      if (start >= body.length) {
        res.writeHead(416);
        return void res.end();
      }
      res.writeHead(206, { "content-length": String(body.length - start), "content-range": `bytes ${start}-${body.length - 1}/${body.length}` });
      return void res.end(req.method === "HEAD" ? undefined : body.subarray(start));
    }
    res.writeHead(200, { "content-length": String(body.length) });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  private fail(res: ServerResponse, status: number, code: string): void {
    res.writeHead(status, { "x-error-code": code, "content-type": "application/json" });
    res.end(JSON.stringify({ error: code }));
  }
}
