import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Faults, faultsRequest } from "./faults";
import { startTestSim, type TestSim } from "./testing/harness";

/** The stand-in's injected faults: the UAA down (test-only), beside the CF API's route faults. */

describe("Faults.uaaFault", () => {
  const faults = new Faults();
  const set = (body: unknown) => faults.set(faultsRequest.parse(body));

  it("is up unless told otherwise", () => {
    set({});
    expect(faults.uaaFault("/oauth/token")).toBeUndefined();
    set({ uaa_down: false });
    expect(faults.uaaFault("/oauth/token")).toBeUndefined();
  });

  it("fails every path, or only those named, with 503 or a reset connection", () => {
    set({ uaa_down: true });
    expect(faults.uaaFault("/login")).toBe("unavailable");
    set({ uaa_down: { paths: ["/oauth/token", "/oauth/token/**"], drop: true } });
    expect(faults.uaaFault("/oauth/token")).toBe("drop");
    expect(faults.uaaFault("/oauth/token/.well-known/openid-configuration")).toBe("drop");
    expect(faults.uaaFault("/login")).toBeUndefined();
  });

  it("is cleared with the other faults", () => {
    set({ uaa_down: true });
    faults.clear();
    expect(faults.uaaFault("/login")).toBeUndefined();
  });

  it("refuses what it does not know", () => {
    expect(faultsRequest.safeParse({ uaa_down: "yes" }).success).toBe(false);
    expect(faultsRequest.safeParse({ uaa_down: { paths: ["oauth"] } }).success).toBe(false);
    expect(faultsRequest.safeParse({ uaa_down: { status: 500 } }).success).toBe(false);
  });
});

describe("POST /__sim/faults with uaa_down", () => {
  let running: TestSim;
  beforeAll(async () => {
    running = await startTestSim();
  });
  afterAll(() => running.close());
  afterEach(() => running.reset());

  const faults = (body: unknown) =>
    fetch(`${running.sim.cfUrl}/__sim/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  const discovery = () => fetch(`${running.sim.uaaUrl}/.well-known/openid-configuration`);

  it("makes the UAA answer 503 while the CF API still answers", async () => {
    expect((await faults({ uaa_down: true })).status).toBe(200);
    const down = await discovery();
    expect(down.status).toBe(503);
    expect(down.headers.get("content-type")).toBe("text/plain");
    expect((await fetch(`${running.sim.cfUrl}/v3/info`)).status).toBe(200);
  });

  it("resets the UAA's connections with drop, on the paths named only", async () => {
    await faults({ uaa_down: { paths: ["/oauth/token"], drop: true } });
    await expect(
      fetch(`${running.sim.uaaUrl}/oauth/token`, { method: "POST", body: "grant_type=password" }),
    ).rejects.toThrow();
    expect((await discovery()).status).toBe(200);
  });

  it("is over after the next faults, a reset, or DELETE /__sim/faults", async () => {
    await faults({ uaa_down: true });
    await faults({ latency_ms: 0 });
    expect((await discovery()).status).toBe(200);
    await faults({ uaa_down: true });
    await running.reset();
    expect((await discovery()).status).toBe(200);
    await faults({ uaa_down: true });
    await fetch(`${running.sim.cfUrl}/__sim/faults`, { method: "DELETE" });
    expect((await discovery()).status).toBe(200);
  });
});
