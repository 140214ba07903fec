import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CfApi } from "./cf/app";
import type { RuleFlags } from "./cf/rules";
import { Faults } from "./faults";
import { send, toRequest, type Reply } from "./http";
import type { SeedWorld } from "./seed";
import { ReplyCache } from "./reply-cache";
import { handleTestRoute, type TestRouteState } from "./test-routes";
import { createUaa, defaultClients, type Uaa } from "./uaa";
import { buildWorld, validateSeed, type World } from "./world";

/**
 * Starts the stand-in: the CF API and the UAA on their own loopback ports,
 * plus the test-only routes under `/__sim` on the CF port (docs/design.md §3;
 * ./test-routes.ts).
 */

export type SimOptions = {
  host?: string;
  /** 0 picks a free port (tests). */
  cfPort?: number;
  uaaPort?: number;
  seed: SeedWorld;
  flags?: Partial<RuleFlags>;
  /** Origins of the dashboard, for the dashboard client's registered redirect URIs. */
  appOrigins?: string[];
  dashboardClient?: { id?: string; secret?: string };
  /** The stand-in refuses non-loopback addresses unless told otherwise. */
  allowRemote?: boolean;
  /**
   * Serialise each read's answer once while the world is unchanged (sim/reply-cache.ts): for
   * benchmarks, where the stand-in's own CPU would otherwise be counted against the dashboard's.
   */
  cacheReads?: boolean;
};

export type RequestLogEntry = {
  method: string;
  path: string;
  user_guid: string | null;
  status: number;
  started_at: number;
  ended_at: number;
};

export type Sim = {
  cfUrl: string;
  uaaUrl: string;
  uaa: Uaa;
  world: () => World;
  reset: () => void;
  requests: () => RequestLogEntry[];
  close: () => Promise<void>;
};

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
const MAX_LOG_ENTRIES = 50_000;

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function urlFor(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startSim(options: SimOptions): Promise<Sim> {
  const host = options.host ?? "127.0.0.1";
  if (!options.allowRemote && !LOOPBACK.has(host)) {
    throw new Error(
      `The stand-in listens on loopback only; refusing ${host} (pass --allow-remote to override).`,
    );
  }
  validateSeed(options.seed);
  const flags: RuleFlags = {
    enableIpv6: false,
    enableCommaDelimitedDestinations: false,
    ...options.flags,
  };

  let world = buildWorld(options.seed);
  const faults = new Faults();
  let log: RequestLogEntry[] = [];
  /** The last access tokens the CF API received per user, so tests can look for leaks. */
  const seenTokens = new Map<string, string[]>();

  // Requests that arrive while the stand-in is still starting wait for it, rather than hanging unanswered.
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let onCf: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;
  let onUaa: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;
  const cfServer = createServer((req, res) => void ready.then(() => onCf(req, res)));
  const uaaServer = createServer((req, res) => void ready.then(() => onUaa(req, res)));
  // Bind both first, so each knows the other's address even with port 0.
  const cfPort = await listen(cfServer, options.cfPort ?? 9022, host);
  const uaaPort = await listen(uaaServer, options.uaaPort ?? 9023, host);
  const cfUrl = urlFor(host, cfPort);
  const uaaUrl = urlFor(host, uaaPort);

  const uaa = await createUaa({
    baseUrl: uaaUrl,
    users: options.seed.users,
    clients: defaultClients(
      options.appOrigins ?? ["http://localhost:3000", "http://127.0.0.1:3000"],
      options.dashboardClient,
    ),
  });
  const api = new CfApi({ apiUrl: cfUrl, uaaUrl, flags, world: () => world });
  const replies = options.cacheReads ? new ReplyCache() : undefined;

  const reset = () => {
    world = buildWorld(options.seed);
    faults.clear();
    uaa.resetFaults();
    log = [];
  };

  const testRoutes: TestRouteState = {
    reset,
    requests: () => log,
    clearRequests: () => (log = []),
    setWorld: (seed) => (world = buildWorld(seed)),
    startedWith: options.seed,
    seenTokens,
    faults,
    uaa,
  };

  onCf = (incoming: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const req = toRequest(incoming);
      if (req.path.startsWith("/__sim/")) {
        send(res, await handleTestRoute(req, testRoutes));
        return;
      }
      const startedAt = Date.now();
      const entry: RequestLogEntry = {
        method: req.method,
        path: req.rawQuery ? `${req.path}?${req.rawQuery}` : req.path,
        user_guid: null,
        status: 0,
        started_at: startedAt,
        ended_at: startedAt,
      };
      const record = (status: number, userGuid: string | null) => {
        entry.status = status;
        entry.user_guid = userGuid;
        entry.ended_at = Date.now();
        if (log.length < MAX_LOG_ENTRIES) log.push(entry);
      };

      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
      // An injected fault answers instead of the API: the request has no effect, as when CF fails
      // before doing anything. The caller is still identified, for the request log.
      const taken = faults.take(req.method, req.path);
      if (taken && taken.delay_ms > 0) {
        // Read the body first: a client that gives up while CF is slow has sent it already, and CF
        // goes on with the request (as CC's web server does once a request is in).
        if (taken.passthrough) await req.body().catch(() => "");
        await sleep(taken.delay_ms);
      }
      const fault = taken?.passthrough ? undefined : taken;
      const failRandomly = !taken && faults.shouldFailRandomly();
      const { reply, caller } =
        fault || failRandomly
          ? { reply: undefined, caller: await api.identify(req) }
          : replies
            ? await replies.answer(world, req, api)
            : await api.handle(req);
      const bearer = /^bearer\s+(\S+)/i.exec(req.headers.authorization ?? "")?.[1];
      if (caller && bearer) {
        const tokens = seenTokens.get(caller.guid) ?? [];
        if (!tokens.includes(bearer)) seenTokens.set(caller.guid, [...tokens.slice(-19), bearer]);
      }
      if (fault?.drop) {
        record(0, caller?.guid ?? null);
        res.socket?.destroy();
        return;
      }
      const unknown = {
        errors: [{ detail: "An unknown error occurred.", title: "UnknownError", code: 10001 }],
      };
      const final: Reply = fault
        ? { status: fault.status, headers: fault.headers, body: fault.body ?? unknown }
        : (reply ?? { status: 500, body: unknown });
      record(final.status, caller?.guid ?? null);
      send(res, final);
    })().catch((error: unknown) => {
      console.error("stand-in error:", error);
      if (!res.headersSent) send(res, { status: 500 });
    });
  };

  onUaa = (req, res) => {
    const down = faults.uaaFault(new URL(req.url ?? "/", uaaUrl).pathname);
    if (down === "drop") {
      res.socket?.destroy();
      return;
    }
    if (down === "unavailable") {
      // What a router answers for a backend that is away: not the UAA's own JSON.
      send(res, { status: 503, body: "503 Service Unavailable: the UAA is down (stand-in fault)\n" });
      return;
    }
    uaa.handle(req, res).catch((error: unknown) => {
      console.error("stand-in UAA error:", error);
      if (!res.headersSent) send(res, { status: 500 });
    });
  };
  markReady();

  const close = async () => {
    await Promise.all(
      [cfServer, uaaServer].map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  };

  return { cfUrl, uaaUrl, uaa, world: () => world, reset, requests: () => log, close };
}
