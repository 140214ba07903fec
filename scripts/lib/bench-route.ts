/**
 * One route of the dashboard, loaded as a signed-in user and timed, with the
 * CF requests each load made (the stand-in's log, cleared before each load).
 * What `npm run bench` measures for every row of its tables.
 */
import { gzipSync } from "node:zlib";
import { median, percentile, requestDepth } from "./measure";
import type { SimClient } from "./sim-client";

export type Logged = { method: string; path: string; status: number; started_at: number; ended_at: number };

export type Load = {
  ms: number;
  ttfb: number;
  body: string;
  cf: number;
  depth: number;
  timing: string | null;
  requests: Logged[];
};

export type RouteResult = {
  path: string;
  loads: number;
  cf_requests: { min: number; max: number };
  depth: { min: number; max: number };
  server_ms: { median: number; p90: number; min: number; max: number; all: number[] };
  first_byte_ms: { median: number };
  bytes: { raw: number; gzip: number };
  server_timing: { cf_ms: number; engine_ms: number } | null;
  /** The CF requests of the last load, guids replaced, times from its first request. */
  last_load_requests: Logged[];
};

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** A POST instead of a GET: a server action, called as the browser calls it (./bench-group-preview.ts). */
export type Post = { body: string; headers: Record<string, string> };

/** One load of `path`: the time to the last byte, the answer, and the CF requests it made. */
export async function loadOnce(
  app: string,
  sim: SimClient,
  path: string,
  cookie: string,
  post?: Post,
): Promise<Load> {
  await sim.clearRequests();
  const start = performance.now();
  const response = await fetch(`${app}${path}`, {
    method: post ? "POST" : "GET",
    headers: { cookie, "accept-encoding": "gzip", ...post?.headers },
    body: post?.body,
    redirect: "manual",
    signal: AbortSignal.timeout(60_000),
  });
  const ttfb = performance.now() - start;
  const body = await response.text();
  const elapsed = performance.now() - start;
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  const logged = await sim.requests();
  const t0 = Math.min(...logged.map((r) => r.started_at));
  return {
    requests: logged.map((r) => ({
      method: r.method,
      // Guids out, and long filter values cut, so the record stays readable.
      path: r.path.replace(GUID, ":guid").replace(/(:guid,){3,}(:guid,)*:guid/g, ":guid,…"),
      status: r.status,
      started_at: r.started_at - t0,
      ended_at: r.ended_at - t0,
    })),
    ms: elapsed,
    ttfb,
    body,
    cf: logged.length,
    depth: requestDepth(logged),
    timing: response.headers.get("server-timing"),
  };
}

/** A warm-up load, then `loads` timed ones: the figures of one row. */
export async function measureRoute(
  app: string,
  sim: SimClient,
  path: string,
  cookie: string,
  loads: number,
  post?: Post,
): Promise<RouteResult & { body: string }> {
  await loadOnce(app, sim, path, cookie, post); // the first load of a route compiles and caches more than the next ones
  const done: Load[] = [];
  for (let i = 0; i < loads; i++) done.push(await loadOnce(app, sim, path, cookie, post));
  const times = done.map((l) => l.ms);
  const last = done.at(-1) as Load;
  const timing = (name: string) =>
    median(done.map((l) => Number(new RegExp(`${name};dur=([\\d.]+)`).exec(l.timing ?? "")?.[1])));
  return {
    path,
    loads,
    cf_requests: { min: Math.min(...done.map((l) => l.cf)), max: Math.max(...done.map((l) => l.cf)) },
    depth: { min: Math.min(...done.map((l) => l.depth)), max: Math.max(...done.map((l) => l.depth)) },
    server_ms: {
      median: median(times),
      p90: percentile(times, 0.9),
      min: Math.min(...times),
      max: Math.max(...times),
      all: times.map((t) => Math.round(t * 10) / 10),
    },
    first_byte_ms: { median: median(done.map((l) => l.ttfb)) },
    bytes: { raw: Buffer.byteLength(last.body), gzip: gzipSync(last.body, { level: 6 }).length },
    server_timing: last.timing ? { cf_ms: timing("cf"), engine_ms: timing("engine") } : null,
    last_load_requests: last.requests,
    body: last.body,
  };
}

export const range = (r: { min: number; max: number }) =>
  r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`;

/** Depth as the tables show it: the least over the loads, the most in brackets where it differs. */
export const depthCell = (d: { min: number; max: number }) => `${d.min}${d.max > d.min ? ` (${d.max})` : ""}`;
