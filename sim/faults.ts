import { z } from "zod";

/**
 * Injected faults (test-only, `POST /__sim/faults`): latency per request, a
 * random error rate, and failing routes answered with a status and body (a
 * string body is sent as it is, e.g. malformed JSON), a dropped connection,
 * or a delay; and the UAA down. Each POST replaces the whole fault set.
 */

const routeFault = z
  .object({
    method: z.string().toUpperCase().optional(),
    /** A path pattern: `*` matches one segment, `**` any rest; the query string is not matched. */
    path: z.string().startsWith("/"),
    status: z.number().int().min(100).max(599).default(500),
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).default({}),
    /** Destroy the connection instead of answering. */
    drop: z.boolean().default(false),
    /** Wait this long before answering (or before handling, with `passthrough`). */
    delay_ms: z.number().int().min(0).max(30_000).default(0),
    /**
     * Handle the request as usual after the delay instead of failing it: a slow CF that still does
     * the work, as when a client times out while CF goes on.
     */
    passthrough: z.boolean().default(false),
    /** How many matching requests fail; unlimited when absent. */
    times: z.number().int().positive().optional(),
  })
  .strict();

/**
 * The UAA away, as when the platform's login server is down behind the router: every request (or
 * those to `paths`) answers 503 from the router, or has its connection reset with `drop`.
 */
const uaaDown = z.union([
  z.boolean(),
  z
    .object({
      /** Paths (patterns as for routes) that fail; every path when absent. */
      paths: z.array(z.string().startsWith("/")).max(20).optional(),
      drop: z.boolean().default(false),
    })
    .strict(),
]);

export const faultsRequest = z
  .object({
    latency_ms: z.number().int().min(0).max(10_000).default(0),
    error_rate: z.number().min(0).max(1).default(0),
    routes: z.array(routeFault).max(50).default([]),
    /** Lifetime of newly issued access tokens; null restores UAA's default. */
    access_token_lifetime_seconds: z.number().int().positive().nullable().optional(),
    /** Users (name or guid) whose refresh tokens are revoked now. */
    revoke_refresh_tokens: z.array(z.string()).default([]),
    /** The UAA is down (test-only; the CF API answers as usual): `true`, or which paths and how. */
    uaa_down: uaaDown.default(false),
  })
  .strict();

export type FaultsRequest = z.infer<typeof faultsRequest>;
type RouteFault = z.infer<typeof routeFault> & { remaining?: number };

export type UaaFault = "unavailable" | "drop";

export class Faults {
  latencyMs = 0;
  errorRate = 0;
  private routes: RouteFault[] = [];
  private uaa: { paths: string[] | null; drop: boolean } | null = null;

  set(request: FaultsRequest): void {
    this.latencyMs = request.latency_ms;
    this.errorRate = request.error_rate;
    this.routes = request.routes.map((r) => ({ ...r, remaining: r.times }));
    const down = request.uaa_down;
    this.uaa =
      down === false
        ? null
        : down === true
          ? { paths: null, drop: false }
          : { paths: down.paths ?? null, drop: down.drop };
  }

  clear(): void {
    this.set(faultsRequest.parse({}));
  }

  describe() {
    return {
      latency_ms: this.latencyMs,
      error_rate: this.errorRate,
      routes: this.routes.map(({ remaining, ...r }) => ({ ...r, remaining: remaining ?? null })),
      uaa_down: this.uaa ? { paths: this.uaa.paths, drop: this.uaa.drop } : false,
    };
  }

  /** How the UAA fails this request, if it is down for this path. */
  uaaFault(path: string): UaaFault | undefined {
    if (!this.uaa) return undefined;
    if (this.uaa.paths && !this.uaa.paths.some((p) => matchPath(p, path))) return undefined;
    return this.uaa.drop ? "drop" : "unavailable";
  }

  /** The fault for this request, if any; consumes one of its `times`. */
  take(method: string, path: string): RouteFault | undefined {
    const fault = this.routes.find(
      (r) => (!r.method || r.method === method) && matchPath(r.path, path) && (r.remaining ?? 1) > 0,
    );
    if (fault?.remaining !== undefined) fault.remaining -= 1;
    return fault;
  }

  shouldFailRandomly(): boolean {
    return this.errorRate > 0 && Math.random() < this.errorRate;
  }
}

export function matchPath(pattern: string, path: string): boolean {
  const source = pattern
    .split("/")
    .map((segment) =>
      segment === "**" ? ".*" : segment === "*" ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${source}$`).test(path);
}
