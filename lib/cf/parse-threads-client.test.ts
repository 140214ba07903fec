import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import { CfClient } from "./client";
import { CfUnavailableError } from "./errors";
import { ParseThreads } from "./parse-threads";
import { listSecurityGroupsFor } from "./security-groups";
import { groupPage, ORG_SPACES, PROFILE_NAMES } from "./test-support/group-pages";

/**
 * The org page's group read with the client's parse threads (a worker from
 * the sources, ./parse-threads.ts) against the stand-in: the same groups as
 * read in process, the same errors for a page CF garbled, and nothing of the
 * token in what the thread is sent.
 */

let t: TestSim;
const posted: unknown[] = [];
let pool: ParseThreads;
beforeAll(async () => {
  t = await startTestSim();
  pool = new ParseThreads(() => {
    const thread = new Worker(new URL("./test-support/parse-worker-boot.mjs", import.meta.url));
    thread.unref();
    const post = thread.postMessage.bind(thread);
    return Object.assign(thread, {
      postMessage: (message: unknown) => {
        posted.push(message);
        post(message);
      },
    });
  }, 2);
});
afterAll(async () => {
  await pool.close();
  await t.close();
});

const spaces = Promise.resolve(ORG_SPACES.map((guid) => ({ guid })));
const read = (client: CfClient) =>
  listSecurityGroupsFor(client, spaces, PROFILE_NAMES, { seesEveryGroup: true });

describe("the org page's group read in parse threads", () => {
  it("reads the groups the in-process read does, and sends the thread bytes, never the token", async () => {
    await t.call("POST", "/__sim/faults", {
      body: {
        routes: [
          {
            method: "GET",
            path: "/v3/security_groups",
            status: 200,
            body: JSON.parse(groupPage(21, 600)) as unknown,
          },
        ],
      },
    });
    const token = await t.token("admin");
    const here = await read(new CfClient({ apiUrl: t.sim.cfUrl, token }));
    const there = await read(new CfClient({ apiUrl: t.sim.cfUrl, token, parseThreads: pool }));
    expect(there).toStrictEqual(here);
    expect(here.length).toBeGreaterThan(50);
    expect(posted).toHaveLength(1);
    const sent = posted[0] as { bytes: Uint8Array };
    expect(sent.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(JSON.stringify({ ...sent, bytes: undefined })).not.toContain(token.slice(-20));
    expect(Buffer.from(sent.bytes).includes(token.slice(-20))).toBe(false);
  });

  it("refuses a garbled page with the errors the in-process read throws", async () => {
    const answering = (text: string) =>
      new CfClient({
        apiUrl: t.sim.cfUrl,
        token: "a token",
        parseThreads: pool,
        fetch: () => Promise.resolve(new Response(text, { status: 200 })),
      });
    const refusal = (text: string) => read(answering(text)).catch((error: unknown) => error);
    const notJson = await refusal('{"pagination": {');
    expect(notJson).toBeInstanceOf(CfUnavailableError);
    expect(String(notJson)).toMatch(/not JSON/);
    expect(String(await refusal('{"resources": []}'))).toMatch(/unexpected shape/);
    expect(String(await refusal(""))).toMatch(/unexpected shape/);
  });
});
