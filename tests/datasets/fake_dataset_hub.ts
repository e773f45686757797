// The fake Hub of tests/huggingface_hub/fake_hub.ts plus the dataset-repo API that
// load_dataset("org/name") calls: GET /api/datasets/{repo_id}/revision/{rev} → {id, sha, siblings}.
// It listens on its own port, answers /api/ itself and forwards everything else (resolve, CDN,
// redirects) to an inner FakeHub, which stays untouched.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeHub, type FakeRepo, type RequestLog } from "../huggingface_hub/fake_hub.js";

export class FakeDatasetHub {
  readonly inner: FakeHub;
  readonly apiLog: RequestLog[] = [];
  private server: Server;
  endpoint = "";
  /** Repos by id WITHOUT the "datasets/" prefix. */
  constructor(readonly repos: Record<string, FakeRepo>) {
    this.inner = new FakeHub(Object.fromEntries(Object.entries(repos).map(([k, v]) => [`datasets/${k}`, v])));
    this.server = createServer((req, res) => this.handle(req, res));
  }
  async start(): Promise<string> {
    await this.inner.start();
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.endpoint;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
    await this.inner.stop();
  }
  /** Every request either server saw (API calls and file downloads). */
  get requests(): RequestLog[] {
    return [...this.apiLog, ...this.inner.log];
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = decodeURIComponent(req.url ?? "/");
    const api = /^\/api\/datasets\/(.+)\/revision\/([^/]+)$/.exec(url);
    if (!api) return this.forward(req, res);
    this.apiLog.push({ method: req.method ?? "", url, auth: req.headers.authorization });
    const [, repoId, revision] = api;
    const repo = this.repos[repoId];
    const fail = (status: number, code: string): void => {
      res.writeHead(status, { "x-error-code": code, "content-type": "application/json" });
      res.end(JSON.stringify({ error: code }));
    };
    if (!repo) return fail(401, "RepoNotFound");
    if (repo.gated_token && req.headers.authorization !== `Bearer ${repo.gated_token}`) return fail(401, "GatedRepo");
    if (revision !== "main" && revision !== repo.commit) return fail(404, "RevisionNotFound");
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ id: repoId, sha: repo.commit, siblings: Object.keys(repo.files).map((rfilename) => ({ rfilename })) }));
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const target = new URL(req.url ?? "/", this.inner.endpoint);
    const up = request(target, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 500, r.headers);
      r.pipe(res);
    });
    up.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  }
}
