import { describe, expect, it } from "vitest";
import { testBackends } from "./test-support/backends";
import { ORG, OLIVIA, OTHER_ORG, T0, useHistory } from "./test-support/fixtures";
import type { PolicyWrite } from "./types";

/** Org policies: stored as written, each write a history entry, two editors never overwrite each other. */

const BRUNO = { guid: "u-bruno", name: "bruno" };
const closedSandboxes = { version: 1, rules: [{ spaces: "sandbox*", require: { posture: "closed" } }] };
const noPublicProd = {
  version: 1,
  rules: [{ spaces: "prod", require: { profile: "public", present: false } }],
  default: null,
};

const write = (document: unknown, expectedVersion: number | null, more: Partial<PolicyWrite> = {}) => ({
  user: OLIVIA,
  orgGuid: ORG,
  document,
  expectedVersion,
  ...more,
});

describe.each(testBackends())("org policies on $name", (backend) => {
  const h = useHistory(backend);

  it("has none stored until one is written", async () => {
    expect(await h.store.readPolicy(ORG)).toBeNull();
  });

  it("stores the document with its version, author and time, and records the write with before and after", async () => {
    const first = await h.store.writePolicy(
      write(closedSandboxes, 0, { message: "first", requestId: "r-1" }),
    );
    expect(first).toEqual({
      ok: true,
      entryId: expect.any(Number) as number,
      stored: { orgGuid: ORG, document: closedSandboxes, version: 1, updatedAt: T0, updatedBy: OLIVIA },
    });
    h.clock = T0 + 1000;
    const second = await h.store.writePolicy(write(noPublicProd, 1, { user: BRUNO }));
    expect(second.ok && second.stored.version).toBe(2);
    expect(await h.store.readPolicy(ORG)).toEqual({
      orgGuid: ORG,
      document: noPublicProd,
      version: 2,
      updatedAt: T0 + 1000,
      updatedBy: BRUNO,
    });

    const page = await h.store.list({ orgGuid: ORG, spaceGuids: [], limit: 10 });
    if (!page.ok) throw new Error(page.message);
    expect(page.entries).toEqual([
      {
        id: second.ok ? second.entryId : -1,
        kind: "policy",
        occurredAt: T0 + 1000,
        orgGuid: ORG,
        requestId: null,
        user: BRUNO,
        message: null,
        before: closedSandboxes,
        after: noPublicProd,
      },
      {
        id: first.ok ? first.entryId : -1,
        kind: "policy",
        occurredAt: T0,
        orgGuid: ORG,
        requestId: "r-1",
        user: OLIVIA,
        message: "first",
        before: null,
        after: closedSandboxes,
      },
    ]);
  });

  it("refuses a write based on a version that is no longer current, and writes nothing", async () => {
    await h.store.writePolicy(write(closedSandboxes, 0));
    expect(await h.store.writePolicy(write(noPublicProd, 0))).toEqual({
      ok: false,
      conflict: { currentVersion: 1 },
    });
    expect(await h.store.writePolicy(write(noPublicProd, 7))).toEqual({
      ok: false,
      conflict: { currentVersion: 1 },
    });
    expect((await h.store.readPolicy(ORG))?.document).toEqual(closedSandboxes);
    const page = await h.store.list({ orgGuid: ORG, spaceGuids: [], limit: 10 });
    expect(page.ok && page.entries).toHaveLength(1);
  });

  it("a write naming no version replaces whatever is stored, and still records what it replaced", async () => {
    await h.store.writePolicy(write(closedSandboxes, 0));
    const result = await h.store.writePolicy(write(noPublicProd, null));
    expect(result.ok && result.stored.version).toBe(2);
    const page = await h.store.list({ orgGuid: ORG, spaceGuids: [], limit: 1 });
    expect(page.ok && page.entries[0]).toMatchObject({ before: closedSandboxes, after: noPublicProd });
  });

  it("keeps each org's policy apart", async () => {
    await h.store.writePolicy(write(closedSandboxes, 0));
    await h.store.writePolicy(write(noPublicProd, 0, { orgGuid: OTHER_ORG }));
    expect((await h.store.readPolicy(ORG))?.document).toEqual(closedSandboxes);
    expect((await h.store.readPolicy(OTHER_ORG))?.document).toEqual(noPublicProd);
  });

  it("reads every org's policy at once, each with its own version (the foundation page)", async () => {
    expect(await h.store.readPolicies()).toEqual([]);
    await h.store.writePolicy(write(closedSandboxes, 0));
    await h.store.writePolicy(write(noPublicProd, null));
    await h.store.writePolicy(write(noPublicProd, 0, { orgGuid: OTHER_ORG }));
    const all = await h.store.readPolicies();
    expect(all.map((p) => [p.orgGuid, p.version, p.document]).sort()).toEqual(
      [
        [ORG, 2, noPublicProd],
        [OTHER_ORG, 1, noPublicProd],
      ].sort(),
    );
  });

  it("of ten editors who read the same version, in two app instances, exactly one writes", async () => {
    const other = await h.another();
    for (const expected of [0, 1]) {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? h.store : other).writePolicy(
            write({ ...noPublicProd, rules: [{ ...noPublicProd.rules[0], note: `editor ${i}` }] }, expected),
          ),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(
        results.filter((r) => !r.ok).every((r) => !r.ok && r.conflict.currentVersion === expected + 1),
      ).toBe(true);
      const stored = await h.store.readPolicy(ORG);
      expect(stored?.version).toBe(expected + 1);
    }
    // One entry per successful write: each round's one winner.
    const page = await h.store.list({ orgGuid: ORG, spaceGuids: [], limit: 100 });
    expect(page.ok && page.entries).toHaveLength(2);
  });

  it("ten writes naming no version at once: all ten land, one after the other, none lost", async () => {
    const other = await h.another();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? h.store : other).writePolicy(write({ ...closedSandboxes, n: i }, null)),
      ),
    );
    // A write that keeps losing races may give up after its retries; none is lost silently.
    const written = results.filter((r) => r.ok);
    const versions = written.map((r) => (r.ok ? r.stored.version : 0)).sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(written.length);
    const page = await h.store.list({ orgGuid: ORG, spaceGuids: [], limit: 100 });
    expect(page.ok && page.entries).toHaveLength(written.length);
    expect((await h.store.readPolicy(ORG))?.version).toBe(Math.max(...versions));
  });
});
