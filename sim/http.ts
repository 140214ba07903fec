import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * A deliberately small router over node:http: the stand-in must behave like
 * CF on the wire, and a framework's own conventions (error pages, body
 * parsing, trailing slashes) would get in the way.
 */

export type Params = Record<string, string>;

export type Request = {
  method: string;
  path: string;
  /** The raw query string without `?`, kept verbatim for pagination links. */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  params: Params;
  body: () => Promise<string>;
};

export type Reply = {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless a string; undefined means an empty body. */
  body?: unknown;
};

export type Handler<Ctx> = (req: Request, ctx: Ctx) => Promise<Reply> | Reply;

type Route<Ctx> = { method: string; pattern: RegExp; names: string[]; handler: Handler<Ctx> };

export class Router<Ctx> {
  private readonly routes: Route<Ctx>[] = [];

  on(method: string, path: string, handler: Handler<Ctx>): this {
    const names: string[] = [];
    const source = path
      .split("/")
      .map((segment) => {
        if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(segment.slice(1));
        return "([^/]+)";
      })
      .join("/");
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  /** The matching route, or which methods the path allows (for 405) when only the method is wrong. */
  match(method: string, path: string): { handler: Handler<Ctx>; params: Params } | { allowed: string[] } {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      if (route.method !== method && !(method === "HEAD" && route.method === "GET")) {
        allowed.push(route.method);
        continue;
      }
      const params: Params = {};
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? "");
      });
      return { handler: route.handler, params };
    }
    return { allowed };
  }
}

const MAX_BODY_BYTES = 1024 * 1024;

export function toRequest(req: IncomingMessage): Request {
  const url = new URL(req.url ?? "/", "http://stand-in");
  let bodyPromise: Promise<string> | undefined;
  return {
    method: req.method ?? "GET",
    path: url.pathname,
    rawQuery: url.search.replace(/^\?/, ""),
    query: url.searchParams,
    headers: req.headers,
    params: {},
    body: () => {
      bodyPromise ??= new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            reject(new Error("request body too large"));
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        req.on("error", reject);
      });
      return bodyPromise;
    },
  };
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | undefined;
  if (reply.body !== undefined) {
    payload = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    headers["Content-Type"] ??=
      typeof reply.body === "string" ? "text/plain" : "application/json; charset=utf-8";
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}
