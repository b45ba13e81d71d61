/**
 * A static file server for built sites, on loopback only, behaving like a plain static host:
 * `/x/` serves `/x/index.html`, a missing path serves `/404.html` with status 404.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

export interface StaticSite {
  readonly url: string;
  /** Bytes served since the last reset, by request path. */
  readonly served: Map<string, number>;
  close(): Promise<void>;
}

/** Serves `dir` at `base` (e.g. `/` or `/archive/`). */
export async function serveStatic(dir: string, base = '/'): Promise<StaticSite> {
  const served = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname = decodeURIComponent(url.pathname);
    if (!pathname.startsWith(base)) {
      res.writeHead(404).end('outside base');
      return;
    }
    pathname = '/' + pathname.slice(base.length);
    let file = path.join(dir, path.normalize(pathname));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    let status = 200;
    if (!existsSync(file)) {
      status = 404;
      file = path.join(dir, '404.html');
      if (!existsSync(file)) {
        res.writeHead(404).end('not found');
        return;
      }
    }
    const size = statSync(file).size;
    served.set(url.pathname, (served.get(url.pathname) ?? 0) + size);
    res.writeHead(status, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    served,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
