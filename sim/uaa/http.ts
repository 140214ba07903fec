/** Plain node:http plumbing: bodies, forms, responses. No framework, on purpose (the stand-in stays small). */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { invalidRequest, type OAuthError } from "./errors";

const MAX_BODY_BYTES = 64 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw invalidRequest("Request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Reads an `application/x-www-form-urlencoded` body, the only kind UAA's form endpoints bind.
 * An empty body is an empty form; any other content type with a body is malformed.
 */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const body = await readBody(req);
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return new URLSearchParams(body);
  if (body.trim() === "") return new URLSearchParams();
  throw invalidRequest("Request body must be application/x-www-form-urlencoded");
}

/** Spring's `@RequestParam Map` keeps the first value of a repeated parameter. */
export function firstValues(...sources: URLSearchParams[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const params of sources) {
    for (const [key, value] of params) if (!(key in result)) result[key] = value;
  }
  return result;
}

export function parseParams<S extends z.ZodType>(schema: S, values: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".")))].join(", ");
    throw invalidRequest(`Malformed request parameter(s): ${names}`);
  }
  return parsed.data;
}

type Headers = Record<string, string | string[]>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json;charset=UTF-8",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Headers of every HTML page: no framing, no caching, no script, no third-party anything. */
const HTML_HEADERS: Headers = {
  "Content-Type": "text/html;charset=UTF-8",
  "Cache-Control": "no-store",
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  // No form-action: Chromium applies it to the redirect chain after /login.do, which ends at the client's callback.
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
};

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Headers = {}): void {
  res.writeHead(status, { ...HTML_HEADERS, "Content-Length": Buffer.byteLength(html), ...headers });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string, headers: Headers = {}): void {
  res.writeHead(302, { Location: location, "Cache-Control": "no-store", "Content-Length": 0, ...headers });
  res.end();
}

export function sendOAuthError(res: ServerResponse, error: OAuthError): void {
  const challenge = error.wwwAuthenticate();
  sendJson(res, error.status, error.body(), {
    "Cache-Control": "no-store",
    Pragma: "no-cache",
    ...(challenge ? { "WWW-Authenticate": challenge } : {}),
  });
}

/** The bearer token of a request; UAA accepts the scheme word in any case. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return match?.[1];
}
