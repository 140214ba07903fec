import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import { WATCHER_CLIENT_ID, WATCHER_CLIENT_SECRET } from "@/sim/uaa";
import { ClientTokenSource, WatchCredentialError } from "./token";

/** The watcher's token from the stand-in's UAA: fetched once, kept until shortly before expiry. */

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.close();
});

function source(secret = WATCHER_CLIENT_SECRET, now = () => Date.now()) {
  let requests = 0;
  const counting: typeof fetch = (input, init) => {
    requests++;
    return fetch(input, init);
  };
  const tokens = new ClientTokenSource({
    tokenUrl: () => Promise.resolve(`${t.sim.uaaUrl}/oauth/token`),
    clientId: WATCHER_CLIENT_ID,
    clientSecret: secret,
    timeoutMs: 5000,
    fetch: counting,
    now,
  });
  return { tokens, requests: () => requests };
}

describe("ClientTokenSource", () => {
  it("gets a global auditor's token that the CF API accepts for reading", async () => {
    const { tokens } = source();
    const token = await tokens.token();
    expect(tokens.scopes).toEqual(["cloud_controller.global_auditor"]);
    const orgs = await t.call("GET", "/v3/organizations", { token });
    expect(orgs.status).toBe(200);
  });

  it("asks once for callers at the same time, and keeps the token until a minute before it expires", async () => {
    let clock = Date.now();
    const { tokens, requests } = source(WATCHER_CLIENT_SECRET, () => clock);
    const [a, b] = await Promise.all([tokens.token(), tokens.token()]);
    expect(a).toBe(b);
    expect(requests()).toBe(1);
    clock += 43_199_000 - 61_000; // the stand-in's lifetime, less a little more than the margin
    expect(await tokens.token()).toBe(a);
    expect(requests()).toBe(1);
    clock += 2_000;
    await tokens.token();
    expect(requests()).toBe(2);
  });

  it("asks again after forget() (a token the CF API refused)", async () => {
    const { tokens, requests } = source();
    await tokens.token();
    tokens.forget();
    await tokens.token();
    expect(requests()).toBe(2);
  });

  it("says the UAA refused the credential, without the secret", async () => {
    const { tokens } = source("not-the-secret");
    const error = await tokens.token().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WatchCredentialError);
    expect((error as Error).message).toBe(
      'the UAA refused the watcher\'s client "egress-watcher" (401 invalid_client: Bad credentials); ' +
        "check WATCH_CLIENT_ID, WATCH_CLIENT_SECRET and that the client has the client_credentials grant",
    );
    expect((error as Error).message).not.toContain("not-the-secret");
  });
});
