import { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import { ids } from "@/sim/seed";
import { requestDepth } from "@/scripts/lib/measure";
import { CfClient, type CfRequestEvent } from "./client";
import { CfApiError, CfUnavailableError } from "./errors";
import {
  listSchema,
  organizationListSchema,
  organizationSchema,
  securityGroupSpacesSchema,
  spaceListSchema,
} from "./schemas";

/** The CF client against the stand-in, with faults injected through its test routes. */

let t: TestSim;
let adminToken: string;

beforeAll(async () => {
  t = await startTestSim();
  adminToken = await t.token("admin");
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.reset();
});

function client(options: Partial<ConstructorParameters<typeof CfClient>[0]> = {}): CfClient {
  return new CfClient({ apiUrl: t.sim.cfUrl, token: adminToken, retryBaseMs: 5, ...options });
}

async function faults(body: unknown): Promise<void> {
  const response = await fetch(`${t.sim.cfUrl}/__sim/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function world(orgSizes: number[]): Promise<void> {
  const response = await fetch(`${t.sim.cfUrl}/__sim/world`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ org_sizes: orgSizes, groups: 0 }),
  });
  expect(response.status).toBe(204);
}

const requests = () => t.sim.requests().filter((r) => r.path.startsWith("/v3/"));

describe("pagination", () => {
  it("reads a whole list in one request at per_page=5000", async () => {
    await world([1200]);
    const { resources } = await client().list("/v3/spaces", spaceListSchema);
    expect(resources).toHaveLength(1200 + 7);
    const log = requests();
    expect(log).toHaveLength(1);
    expect(log[0]?.path).toContain("per_page=5000");
  });

  it("asks for the pages after the first all at once, by page=N with the same query", async () => {
    await world([120]);
    await faults({ latency_ms: 40 });
    const { resources } = await client().list("/v3/spaces", spaceListSchema, {
      per_page: "50",
      order_by: "name",
      include: ["organization"],
    });
    expect(resources).toHaveLength(127);
    expect(new Set(resources.map((s) => s.guid)).size).toBe(127);
    expect(resources.map((s) => s.name)).toEqual([...resources.map((s) => s.name)].sort());
    const log = requests();
    expect(log.map((r) => r.path)).toEqual([
      "/v3/spaces?per_page=50&order_by=name&include=organization",
      "/v3/spaces?per_page=50&order_by=name&include=organization&page=2",
      "/v3/spaces?per_page=50&order_by=name&include=organization&page=3",
    ]);
    // Pages 2 and 3 went out together, after page 1 had answered: two round trips for three pages.
    expect(requestDepth(log)).toBe(2);
  });

  it("follows the next hrefs verbatim where the first page gives no usable total", async () => {
    await world([120]);
    // A proxy (or an older CF) that says nothing useful about the total: only the links are left.
    const noTotal: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = (await response.json()) as { pagination: { total_pages: number } };
      body.pagination.total_pages = 0;
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    const { resources } = await client({ fetch: noTotal }).list("/v3/spaces", spaceListSchema, {
      per_page: "50",
      order_by: "name",
      include: ["organization"],
    });
    expect(resources).toHaveLength(127);
    expect(requests().map((r) => r.path)).toEqual([
      "/v3/spaces?per_page=50&order_by=name&include=organization",
      // CF's own links: sorted and encoded as Rails does; the client does not rebuild them.
      "/v3/spaces?include=organization&order_by=name&page=2&per_page=50",
      "/v3/spaces?include=organization&order_by=name&page=3&per_page=50",
    ]);
  });

  it("follows the last page's next href when the list grew while it was read", async () => {
    await world([70]);
    let created = false;
    const growing: typeof fetch = async (input, init) => {
      // Between the first page and the others, one more page's worth of spaces appears.
      if (!created && (input instanceof Request ? input.url : input.toString()).includes("page=2")) {
        created = true;
        await world([120]);
      }
      return fetch(input, init);
    };
    const { resources } = await client({ fetch: growing }).list("/v3/spaces", spaceListSchema, {
      per_page: "50",
    });
    expect(resources).toHaveLength(127);
    expect(requests().map((r) => r.path)).toEqual([
      "/v3/spaces?per_page=50",
      "/v3/spaces?per_page=50&page=2",
      "/v3/spaces?page=3&per_page=50",
    ]);
  });

  it("asks for the other pages as soon as the first page's text says how many, and trusts the parsed page", async () => {
    await world([120]);
    // The text near the start claims `claimed` pages; the pagination CF really sent says 3.
    const claiming =
      (claimed: number): typeof fetch =>
      async (input, init) => {
        const response = await fetch(input, init);
        const text = await response.text();
        return new Response(`{"claim":{"total_pages":${claimed}},${text.slice(1)}`, {
          status: response.status,
          headers: response.headers,
        });
      };
    const paths = () => requests().map((r) => r.path.replace(/^.*\?/, ""));
    for (const claimed of [5, 2]) {
      await fetch(`${t.sim.cfUrl}/__sim/requests`, { method: "DELETE" });
      const { resources } = await client({ fetch: claiming(claimed) }).list("/v3/spaces", spaceListSchema, {
        per_page: "50",
      });
      expect(resources).toHaveLength(127);
      expect(new Set(resources.map((s) => s.guid)).size).toBe(127);
      // Too many claimed: pages 4 and 5 were asked for early and dropped (nothing waits for them, so the log
      // may get them after the list is read). Too few: page 3 asked for after.
      await vi.waitFor(() => expect(paths().length).toBe(claimed === 5 ? 5 : 3));
      expect(paths().sort()).toEqual(
        claimed === 5
          ? [
              "per_page=50",
              "per_page=50&page=2",
              "per_page=50&page=3",
              "per_page=50&page=4",
              "per_page=50&page=5",
            ]
          : ["per_page=50", "per_page=50&page=2", "per_page=50&page=3"],
      );
    }
  });

  it("asks a remembered list's pages with page 1 next time: the same requests, one round trip", async () => {
    await t.call("POST", "/__sim/faults", { body: { latency_ms: 20 } });
    await world([120]);
    const read = async (audience: string | undefined) => {
      await fetch(`${t.sim.cfUrl}/__sim/requests`, { method: "DELETE" });
      const { resources } = await client({ listAudience: audience }).list("/v3/spaces", spaceListSchema, {
        per_page: "50",
      });
      expect(resources).toHaveLength(127);
      return { paths: requests().map((r) => r.path.replace(/^.*\?/, "")), depth: requestDepth(requests()) };
    };
    const pages = ["per_page=50", "per_page=50&page=2", "per_page=50&page=3"];
    const first = await read("admins");
    expect(first.paths).toEqual(pages);
    expect(first.depth).toBe(2);
    const again = await read("admins");
    expect(again.paths.sort()).toEqual(pages);
    expect(again.depth).toBe(1);
    // Another audience's list, and a client that remembers nothing, still ask page 1 first.
    expect((await read("someone else")).depth).toBe(2);
    expect((await read(undefined)).depth).toBe(2);
  });

  it("drops remembered pages a shrunk list no longer has, and asks for those a grown list adds", async () => {
    const read = async () => {
      await fetch(`${t.sim.cfUrl}/__sim/requests`, { method: "DELETE" });
      const { resources } = await client({ listAudience: "admins" }).list("/v3/spaces", spaceListSchema, {
        per_page: "50",
      });
      // Nothing waits for a dropped page, so the log may get it after the list is read.
      const settled = async (count: number) => {
        await vi.waitFor(() => expect(requests()).toHaveLength(count));
        return requests()
          .map((r) => Number(/[?&]page=(\d+)/.exec(r.path)?.[1] ?? 1))
          .sort();
      };
      return { count: resources.length, settled };
    };
    await world([120]); // 127 spaces: 3 pages
    expect(await (await read()).settled(3)).toEqual([1, 2, 3]);
    await world([200]); // 207: pages 2 and 3 as remembered, 4 and 5 once page 1 counts them
    const grown = await read();
    expect(grown.count).toBe(207);
    expect(await grown.settled(5)).toEqual([1, 2, 3, 4, 5]);
    await world([20]); // 27: one page; the four guessed answer empty lists and are dropped
    const shrunk = await read();
    expect(shrunk.count).toBe(27);
    expect(await shrunk.settled(5)).toEqual([1, 2, 3, 4, 5]);
    // Then the list is remembered as one page: nothing is guessed.
    expect(await (await read()).settled(1)).toEqual([1]);
  });

  it("guesses only once told it may, where the reader may not want the rest", async () => {
    await world([120]);
    const start = (guessWhen?: Promise<boolean>) =>
      client({ listAudience: "admins" }).listFirst(
        "/v3/spaces",
        { per_page: "50" },
        { pageSchema: () => spaceListSchema, readRest: () => Promise.resolve(false), guessWhen },
      );
    await (await start()).rest(); // remembered: 3 pages
    for (const guessWhen of [undefined, Promise.resolve(false)]) {
      await fetch(`${t.sim.cfUrl}/__sim/requests`, { method: "DELETE" });
      const first = await start(guessWhen);
      expect(first.totalPages).toBe(3);
      expect(requests().map((r) => r.path)).toEqual(["/v3/spaces?per_page=50"]);
    }
    await fetch(`${t.sim.cfUrl}/__sim/requests`, { method: "DELETE" });
    const guessed = await start(Promise.resolve(true));
    expect([...guessed.resources, ...(await guessed.rest())]).toHaveLength(127);
    expect(requests()).toHaveLength(3);
  });

  it("checks each resource as its page is parsed (resourceSchema), keeping what that schema keeps", async () => {
    await world([20]);
    const narrow = z.object({ guid: z.string(), name: z.string() });
    const start = await client().listFirst(
      "/v3/spaces",
      { per_page: "10" },
      { pageSchema: () => listSchema(z.custom<z.infer<typeof narrow>>()), resourceSchema: narrow },
    );
    const resources = [...start.resources, ...(await start.rest())];
    expect(resources).toHaveLength(27);
    // Only the schema's fields: the rest of each space (links, metadata, relationships) was dropped.
    for (const space of resources) expect(Object.keys(space).sort()).toEqual(["guid", "name"]);
    // A resource of another shape refuses the page as CF's shape, not as text that is not JSON
    // (one page, so that no later page is still on its way when the next test begins).
    await expect(
      client().listFirst(
        "/v3/spaces",
        { per_page: "50" },
        { pageSchema: () => listSchema(z.unknown()), resourceSchema: z.object({ guid: z.number() }) },
      ),
    ).rejects.toThrow(/unexpected shape/);
  });

  it("refuses a list of more pages than any foundation has", async () => {
    await world([300]);
    await expect(client().list("/v3/spaces", spaceListSchema, { per_page: "1" })).rejects.toThrow(
      /too many pages/,
    );
    expect(requests()).toHaveLength(1);
  });

  it("merges the included resources of every page", async () => {
    const { included } = await client().list("/v3/spaces", spaceListSchema, {
      per_page: "2",
      include: ["organization"],
    });
    const names = (included.organizations as { name: string }[]).map((o) => o.name);
    expect(new Set(names)).toEqual(new Set(["agency-alpha", "agency-beta", "agency-gamma"]));
  });

  it("never sends the token to another origin, whatever a next href says", async () => {
    await faults({
      routes: [
        {
          method: "GET",
          path: "/v3/spaces",
          status: 200,
          body: {
            pagination: {
              total_results: 2,
              total_pages: 2,
              first: { href: `${t.sim.cfUrl}/v3/spaces?page=1` },
              last: { href: "https://evil.example/v3/spaces?page=2" },
              next: { href: "https://evil.example/v3/spaces?page=2" },
              previous: null,
            },
            resources: [],
          },
        },
      ],
    });
    await expect(client().list("/v3/spaces", spaceListSchema)).rejects.toThrow(/another origin/);
  });
});

describe("error mapping", () => {
  it("maps CF's error body to one typed error", async () => {
    const error = await client({ token: await t.token("bruno") })
      .get(`/v3/organizations/${ids.orgs.alpha}`, organizationSchema)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CfApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 10010,
      title: "CF-ResourceNotFound",
      detail: "Organization not found",
      isNotFound: true,
    });
  });

  it("keeps the 422 detail texts that callers branch on", async () => {
    const error = await client()
      .sendNoContent(
        "DELETE",
        `/v3/security_groups/${ids.securityGroups.public}/relationships/running_spaces/${ids.spaces.alphaDev}`,
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, title: "CF-UnprocessableEntity" });
    expect((error as CfApiError).detail).toMatch(/Ensure the space is bound to this security group\.$/);
  });

  it("says a refused token needs a new sign-in", async () => {
    const error = await client({ token: "expired" })
      .get(`/v3/organizations/${ids.orgs.alpha}`, organizationSchema)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, title: "CF-InvalidAuthToken", needsSignIn: true });
  });

  it("refuses a response of the wrong shape rather than passing it on", async () => {
    await faults({
      routes: [{ method: "GET", path: "/v3/organizations/*", status: 200, body: { guid: 1 } }],
    });
    await expect(
      client().get(`/v3/organizations/${ids.orgs.alpha}`, organizationSchema),
    ).rejects.toBeInstanceOf(CfUnavailableError);
  });
});

describe("retries", () => {
  it("retries a GET after a 5xx, and succeeds when CF recovers", async () => {
    await faults({ routes: [{ method: "GET", path: "/v3/organizations/*", status: 503, times: 2 }] });
    const org = await client().get(`/v3/organizations/${ids.orgs.alpha}`, organizationSchema);
    expect(org.name).toBe("agency-alpha");
    expect(requests().map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it("gives up after a bounded number of attempts", async () => {
    await faults({ routes: [{ method: "GET", path: "/v3/organizations/*", status: 502 }] });
    const error = await client({ maxRetries: 2 })
      .get(`/v3/organizations/${ids.orgs.alpha}`, organizationSchema)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502 });
    expect(requests()).toHaveLength(3);
  });

  it("never retries a write after a 5xx: it may have happened", async () => {
    await faults({
      routes: [{ method: "POST", path: "/v3/security_groups/*/relationships/running_spaces", status: 500 }],
    });
    await expect(
      client().send(
        "POST",
        `/v3/security_groups/${ids.securityGroups.public}/relationships/running_spaces`,
        { data: [{ guid: ids.spaces.alphaDev }] },
        securityGroupSpacesSchema,
      ),
    ).rejects.toMatchObject({ status: 500 });
    expect(requests()).toHaveLength(1);
  });

  it("retries after a dropped connection, then reports CF unreachable", async () => {
    await faults({ routes: [{ method: "GET", path: "/v3/organizations/*", drop: true }] });
    await expect(
      client({ maxRetries: 1 }).get(`/v3/organizations/${ids.orgs.alpha}`, organizationSchema),
    ).rejects.toBeInstanceOf(CfUnavailableError);
    expect(requests()).toHaveLength(2);
  });

  it("times out a slow CF and says so, after one timeout, not one per attempt", async () => {
    await faults({ latency_ms: 400 });
    const started = Date.now();
    const error = await client({ timeoutMs: 100, maxRetries: 2 })
      .get(`/v3/organizations/${ids.orgs.alpha}`, organizationSchema)
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(300);
    expect(error).toBeInstanceOf(CfUnavailableError);
    expect((error as CfUnavailableError).reason).toBe("timed out after 100 ms");
    // The stand-in still answers the abandoned request; let it land before counting and the next reset.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(requests()).toHaveLength(1);
  });

  it("honours a short Retry-After on 429, once", async () => {
    await faults({
      routes: [{ path: "/v3/organizations/*", status: 429, headers: { "Retry-After": "1" }, times: 1 }],
    });
    const started = Date.now();
    const org = await client().get(`/v3/organizations/${ids.orgs.alpha}`, organizationSchema);
    expect(org.name).toBe("agency-alpha");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(requests().map((r) => r.status)).toEqual([429, 200]);
  });

  it("fails at once when Retry-After is longer than it will wait", async () => {
    await faults({
      routes: [{ path: "/v3/organizations/*", status: 429, headers: { "Retry-After": "3600" } }],
    });
    const error = await client()
      .get(`/v3/organizations/${ids.orgs.alpha}`, organizationSchema)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429 });
    expect(requests()).toHaveLength(1);
  });
});

describe("request timings (the logs' CF timings)", () => {
  it("reports every request and retry once it ends, with its path, status and time, never the token", async () => {
    const events: CfRequestEvent[] = [];
    await faults({ routes: [{ method: "GET", path: "/v3/organizations", status: 502, times: 1 }] });
    await client({ onRequest: (e) => events.push(e) }).list("/v3/organizations", organizationListSchema);
    expect(events.map(({ method, path, status, attempt }) => ({ method, path, status, attempt }))).toEqual([
      { method: "GET", path: "/v3/organizations", status: 502, attempt: 0 },
      { method: "GET", path: "/v3/organizations", status: 200, attempt: 1 },
    ]);
    expect(events.every((e) => Number.isInteger(e.ms) && e.ms >= 0)).toBe(true);
    expect(JSON.stringify(events)).not.toContain(adminToken);
  });
});
