import { faultsRequest, type Faults } from "./faults";
import type { Reply, Request } from "./http";
import type { SeedWorld } from "./seed";
import type { Uaa } from "./uaa";
import { seedFromWorldRequest } from "./world-request";

/**
 * The stand-in's test-only routes under `/__sim` on the CF port (docs/design.md §3): reset, the
 * request log, another world, the tokens the CF API saw, and the faults to inject.
 */

/** What the routes read and change of the running stand-in (./server.ts). */
export type TestRouteState = {
  reset: () => void;
  requests: () => unknown[];
  clearRequests: () => void;
  setWorld: (seed: SeedWorld) => void;
  /** The seed the stand-in started with, which a generated world is built on by default. */
  startedWith: SeedWorld;
  /** The last access tokens the CF API received per user, so tests can look for leaks. */
  seenTokens: Map<string, string[]>;
  faults: Faults;
  uaa: Uaa;
};

export async function handleTestRoute(req: Request, state: TestRouteState): Promise<Reply> {
  const key = `${req.method} ${req.path}`;
  switch (key) {
    case "POST /__sim/reset":
      state.reset();
      return { status: 204 };
    case "GET /__sim/requests":
      return { status: 200, body: { requests: state.requests() } };
    case "DELETE /__sim/requests":
      state.clearRequests();
      return { status: 204 };
    case "POST /__sim/world": {
      const asked = seedFromWorldRequest(await req.body(), state.startedWith);
      if ("error" in asked) return { status: 400, body: { error: asked.error } };
      state.setWorld(asked.seed);
      return { status: 204 };
    }
    case "GET /__sim/tokens":
      return { status: 200, body: { access_tokens: Object.fromEntries(state.seenTokens) } };
    case "GET /__sim/faults":
      return { status: 200, body: state.faults.describe() };
    case "DELETE /__sim/faults":
      state.faults.clear();
      state.uaa.setAccessTokenLifetime(null);
      return { status: 204 };
    case "POST /__sim/faults": {
      let parsed;
      try {
        parsed = faultsRequest.safeParse(JSON.parse((await req.body()) || "{}"));
      } catch {
        return { status: 400, body: { error: "body must be JSON" } };
      }
      if (!parsed.success) return { status: 400, body: { error: parsed.error.issues } };
      state.faults.set(parsed.data);
      if (parsed.data.access_token_lifetime_seconds !== undefined) {
        state.uaa.setAccessTokenLifetime(parsed.data.access_token_lifetime_seconds);
      }
      for (const user of parsed.data.revoke_refresh_tokens) state.uaa.revokeRefreshTokens(user);
      return { status: 200, body: state.faults.describe() };
    }
    default:
      return { status: 404, body: { error: `no test route ${key}` } };
  }
}
