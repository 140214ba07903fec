import { describe, expect, it } from "vitest";
import { encodeCursor } from "./cursor";
import { testBackends } from "./test-support/backends";
import { intent, ORG, OLIVIA, OTHER_ORG, PUBLIC, T0, TRUSTED, useHistory } from "./test-support/fixtures";
import type { HistoryEntry, ListQuery } from "./types";

const ids = (entries: HistoryEntry[]) => entries.map((entry) => entry.id);

describe.each(testBackends())("history store on $name", (backend) => {
  const h = useHistory(backend);

  async function page(query: Partial<ListQuery> = {}) {
    const result = await h.store.list({
      orgGuid: ORG,
      spaceGuids: ["s-dev", "s-prod"],
      limit: 100,
      ...query,
    });
    if (!result.ok) throw new Error(result.message);
    return result;
  }

  describe("changes", () => {
    it("writes intents as pending and settles them with CF's answer", async () => {
      const [bound, unbound, refused] = await h.store.recordIntents([
        intent("s-dev", PUBLIC, "bind", { requestId: "req-1" }),
        intent("s-prod", TRUSTED, "unbind", { lifecycle: "staging" }),
        intent("s-prod", PUBLIC, "bind"),
      ]);
      expect([bound, unbound, refused].every((id) => typeof id === "number")).toBe(true);
      expect((await page()).entries.map((e) => e.kind === "change" && e.outcome)).toEqual([
        "pending",
        "pending",
        "pending",
      ]);

      await h.store.recordOutcomes([bound!, unbound!], { outcome: "succeeded" });
      const cfError = {
        status: 403,
        code: 10003,
        title: "CF-NotAuthorized",
        detail: "You are not authorized.",
      };
      await h.store.recordOutcomes([refused!], {
        outcome: "failed",
        cfError,
        message: "You cannot change prod.",
      });

      const byId = new Map((await page()).entries.map((entry) => [entry.id, entry]));
      expect(byId.get(bound!)).toEqual({
        id: bound,
        kind: "change",
        occurredAt: T0,
        orgGuid: ORG,
        requestId: "req-1",
        outcome: "succeeded",
        user: OLIVIA,
        spaceGuid: "s-dev",
        spaceName: "dev",
        group: PUBLIC,
        lifecycle: "running",
        action: "bind",
        cfError: null,
        message: null,
        settled: null,
      });
      expect(byId.get(unbound!)).toMatchObject({
        outcome: "succeeded",
        lifecycle: "staging",
        action: "unbind",
      });
      expect(byId.get(refused!)).toMatchObject({
        outcome: "failed",
        cfError,
        message: "You cannot change prod.",
      });
    });

    it("writes a bulk change of 1,000 spaces in one statement, ids in the order of the intents", async () => {
      const spaces = Array.from({ length: 1_000 }, (_, i) => `s-${String(i).padStart(4, "0")}`);
      h.queries.length = 0;
      const written = await h.store.recordIntents(spaces.map((guid) => intent(guid, PUBLIC)));
      expect(h.queries.filter((sql) => /^insert into "history_entries"/i.test(sql))).toHaveLength(1);
      expect(written).toHaveLength(1_000);
      expect([...written].sort((a, b) => a - b)).toEqual(written);
      const result = await h.store.list({ orgGuid: ORG, spaceGuids: spaces, limit: 500 });
      const spaceOf = new Map(
        result.ok ? result.entries.map((e) => [e.id, e.kind === "change" && e.spaceGuid]) : [],
      );
      expect(spaceOf.get(written[999]!)).toBe("s-0999");
      expect(spaceOf.get(written[500]!)).toBe("s-0500");
    });

    it("batches an insert beyond the database's limit on bound parameters", async () => {
      const spaces = Array.from({ length: 3_000 }, (_, i) => `s-${String(i).padStart(4, "0")}`);
      h.queries.length = 0;
      const written = await h.store.recordIntents(spaces.map((guid) => intent(guid, PUBLIC)));
      expect(h.queries.filter((sql) => /^insert into "history_entries"/i.test(sql))).toHaveLength(2);
      expect(new Set(written).size).toBe(3_000);
      const last = await h.store.lastEntries(ORG, ["s-0000", "s-2999"]);
      expect(last.get("s-0000")?.id).toBe(written[0]);
      expect(last.get("s-2999")?.id).toBe(written[2_999]);
    });

    it("records a policy edit, visible to anyone who can read the org", async () => {
      const id = await h.store.recordPolicyChange({
        user: OLIVIA,
        orgGuid: ORG,
        before: { rules: [] },
        after: { rules: [{ spaces: "prod-*", posture: "closed" }] },
        message: "Prod spaces must be closed.",
      });
      const { entries } = await page({ spaceGuids: [] });
      expect(entries).toEqual([
        {
          id,
          kind: "policy",
          occurredAt: T0,
          orgGuid: ORG,
          requestId: null,
          user: OLIVIA,
          message: "Prod spaces must be closed.",
          before: { rules: [] },
          after: { rules: [{ spaces: "prod-*", posture: "closed" }] },
        },
      ]);
    });
  });

  describe("list", () => {
    it("pages newest first, stable under equal timestamps and under new entries", async () => {
      // 25 entries in one millisecond, 5 older ones.
      await h.store.recordIntents(Array.from({ length: 25 }, () => intent("s-dev", PUBLIC)));
      h.clock = T0 - 1_000;
      await h.store.recordIntents(Array.from({ length: 5 }, () => intent("s-prod", TRUSTED)));
      const everything = (await page()).entries;
      expect(everything).toHaveLength(30);

      const seen: HistoryEntry[] = [];
      let cursor: string | undefined;
      for (let pages = 0; ; pages++) {
        const result = await page({ limit: 7, cursor });
        seen.push(...result.entries);
        if (pages === 0) {
          // Entries written while someone pages do not shift the pages they have not read yet.
          h.clock = T0 + 5_000;
          await h.store.recordIntents([intent("s-dev", TRUSTED)]);
        }
        if (result.nextCursor === null) break;
        cursor = result.nextCursor;
      }
      expect(ids(seen)).toEqual(ids(everything));
      expect(seen.map((entry) => entry.occurredAt)).toEqual(
        [...seen.map((entry) => entry.occurredAt)].sort((a, b) => b - a),
      );
    });

    it("filters by space, kind (failure = failed changes) and time range, bounds included", async () => {
      const [a, b, c] = await h.store.recordIntents([
        intent("s-dev", PUBLIC, "bind", { occurredAt: T0 }),
        intent("s-prod", PUBLIC, "bind", { occurredAt: T0 + 10 }),
        intent("s-prod", TRUSTED, "bind", { occurredAt: T0 + 20 }),
      ]);
      await h.store.recordOutcomes([b!], { outcome: "failed", message: "No." });
      h.clock = T0 + 30;
      const policy = await h.store.recordPolicyChange({
        user: OLIVIA,
        orgGuid: ORG,
        before: null,
        after: {},
      });

      expect(ids((await page({ space: "s-prod" })).entries)).toEqual([c, b]);
      expect(ids((await page({ kinds: ["failure"] })).entries)).toEqual([b]);
      expect(ids((await page({ kinds: ["change"] })).entries)).toEqual([c, a]);
      expect(ids((await page({ kinds: ["change", "policy"] })).entries)).toEqual([policy, c, a]);
      expect(ids((await page({ kinds: ["drift"] })).entries)).toEqual([]);
      expect(ids((await page({ kinds: [] })).entries)).toEqual([policy, c, b, a]);
      expect(ids((await page({ from: T0 + 10, to: T0 + 20 })).entries)).toEqual([c, b]);
      expect(ids((await page({ from: T0 + 11 })).entries)).toEqual([policy, c]);
    });

    it("shows only the spaces the user can read now, and no other org", async () => {
      const [dev, prod, secret] = await h.store.recordIntents([
        intent("s-dev", PUBLIC),
        intent("s-prod", PUBLIC),
        intent("s-secret", PUBLIC),
        intent("s-beta", PUBLIC, "bind", { orgGuid: OTHER_ORG }),
      ]);
      expect(ids((await page({ spaceGuids: ["s-prod", "s-dev"] })).entries)).toEqual([prod, dev]);
      expect(ids((await page({ spaceGuids: ["s-dev"] })).entries)).toEqual([dev]);
      expect(ids((await page({ spaceGuids: ["s-dev"], space: "s-secret" })).entries)).toEqual([]);
      expect(ids((await page({ spaceGuids: ["s-secret", "s-beta"] })).entries)).toEqual([secret]);
      // The IN-list holds 5,000 guids as one bound parameter on both databases.
      const many = [...Array.from({ length: 4_999 }, (_, i) => `s-other-${i}`), "s-dev"];
      expect(ids((await page({ spaceGuids: many })).entries)).toEqual([dev]);
    });

    it("answers an error value for a bad cursor or limit", async () => {
      const bad = [
        { cursor: "not-a-cursor!" },
        { cursor: Buffer.from("1:x").toString("base64url") },
        { limit: 0 },
        { limit: 10_000 },
      ];
      for (const query of bad) {
        const result = await h.store.list({ orgGuid: ORG, spaceGuids: [], limit: 10, ...query });
        expect(result).toEqual({ ok: false, message: expect.any(String) as string });
      }
      const valid = await h.store.list({
        orgGuid: ORG,
        spaceGuids: [],
        limit: 10,
        cursor: encodeCursor({ occurredAt: T0, id: 1 }),
      });
      expect(valid).toEqual({ ok: true, entries: [], nextCursor: null });
    });
  });

  describe("lastEntries", () => {
    it("answers the latest entry of each space in one query, ties broken by id", async () => {
      const [, devLatest, prodLatest] = await h.store.recordIntents([
        intent("s-dev", PUBLIC, "bind", { occurredAt: T0 }),
        intent("s-dev", TRUSTED, "bind", { occurredAt: T0 + 5 }),
        intent("s-prod", PUBLIC, "bind", { occurredAt: T0 + 5 }),
        intent("s-prod", TRUSTED, "bind", { occurredAt: T0 + 1 }),
        intent("s-secret", TRUSTED, "bind", { occurredAt: T0 + 9 }),
        intent("s-dev", PUBLIC, "bind", { occurredAt: T0 + 99, orgGuid: OTHER_ORG }),
      ]);
      const [devTie] = await h.store.recordIntents([
        intent("s-dev", PUBLIC, "unbind", { occurredAt: T0 + 5 }),
      ]);

      h.queries.length = 0;
      const last = await h.store.lastEntries(ORG, ["s-dev", "s-prod", "s-empty"]);
      expect(h.queries).toHaveLength(1);
      expect([...last.keys()].sort()).toEqual(["s-dev", "s-prod"]);
      expect(last.get("s-dev")?.id).toBe(devTie);
      expect(last.get("s-prod")?.id).toBe(prodLatest);
      expect(devLatest).toBeLessThan(devTie!);

      const many = Array.from({ length: 5_000 }, (_, i) => (i === 4_999 ? "s-prod" : `s-other-${i}`));
      h.queries.length = 0;
      expect([...(await h.store.lastEntries(ORG, many)).keys()]).toEqual(["s-prod"]);
      expect(h.queries).toHaveLength(1);
      expect(await h.store.lastEntries(ORG, [])).toEqual(new Map());
    });
  });
});
