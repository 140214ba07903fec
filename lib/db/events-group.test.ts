import { afterEach, describe, expect, it } from "vitest";
import { verifyWholeChain } from "./chain-check";
import { connect, type Connection } from "./connect";
import { testBackends } from "./test-support/backends";
import { ORG, OTHER_ORG, useHistory } from "./test-support/fixtures";
import type { GroupEditDetails } from "./types";

/**
 * A security group's create in the history (./events-group.ts, docs/design.md §13): the intent
 * holds no guid (CF has not given one), the outcome of a create that succeeded writes the new
 * group's guid, and the hash chain covers that guid as it covers every field of an entry.
 */

const NEW_GUID = "0b6a1c52-3c38-4d7e-9b39-8f3f8a6e2a11";
const ADMIN = { guid: "u-admin", name: "admin" };
const details: GroupEditDetails = {
  created: true,
  rules: { before: [], after: [{ protocol: "tcp", destination: "10.0.0.0/8", ports: "443" }] },
  globallyEnabled: { before: { running: false, staging: false }, after: { running: true, staging: false } },
  spaces: [{ guid: "s-dev", name: "dev", lifecycle: "running", opens: ["RDS"], closes: [] }],
  command: "cf create-security-group db rules.json\ncf bind-running-security-group db",
};

describe.each(testBackends())("a group's create in the history on $name", (backend) => {
  const h = useHistory(backend);
  let raw: Connection | undefined;
  const tamper = () => (raw ??= connect(h.database.config)).db;
  afterEach(async () => {
    await raw?.db.destroy();
    raw = undefined;
  });

  const intents = () =>
    h.store.recordGroupEditIntents(
      [ORG, OTHER_ORG].map((orgGuid) => ({
        user: ADMIN,
        orgGuid,
        group: { guid: "", name: "db" },
        details,
        requestId: "req-1",
      })),
    );
  const groupEntries = async (orgGuid: string) => {
    const page = await h.store.list({ orgGuid, spaceGuids: [], limit: 10 });
    if (!page.ok) throw new Error(page.message);
    return page.entries.filter((e) => e.kind === "group");
  };

  it("writes the new guid with the outcome of a create that succeeded, and the chain verifies", async () => {
    const ids = await intents();
    expect((await groupEntries(ORG)).map((e) => e.kind === "group" && [e.outcome, e.group.guid])).toEqual([
      ["pending", ""],
    ]);
    await h.store.recordGroupEditOutcome(ids, { outcome: "succeeded", createdGuid: NEW_GUID });
    for (const org of [ORG, OTHER_ORG]) {
      const [entry] = await groupEntries(org);
      expect(entry).toMatchObject({ outcome: "succeeded", group: { guid: NEW_GUID, name: "db" }, details });
    }
    expect(await verifyWholeChain(h.store.chain)).toMatchObject({ intact: true });
  });

  it("keeps no guid for a create CF refused", async () => {
    const ids = await intents();
    const cfError = { status: 422, code: 10008, title: "CF-UnprocessableEntity", detail: "taken" };
    await h.store.recordGroupEditOutcome(ids, { outcome: "failed", cfError, message: "taken" });
    const [entry] = await groupEntries(ORG);
    expect(entry).toMatchObject({ outcome: "failed", group: { guid: "" }, message: "taken" });
    expect(await verifyWholeChain(h.store.chain)).toMatchObject({ intact: true });
  });

  it("finds the new guid rewritten behind the chain's back", async () => {
    const ids = await intents();
    await h.store.recordGroupEditOutcome(ids, { outcome: "succeeded", createdGuid: NEW_GUID });
    const [first] = ids;
    await tamper()
      .updateTable("history_entries")
      .set({ group_guid: "another-group" })
      .where("id", "=", first ?? -1)
      .execute();
    const verdict = await verifyWholeChain(h.store.chain);
    expect(verdict).toMatchObject({ intact: false, break: { subject: "entry", subjectId: first } });
    expect(verdict.intact ? [] : verdict.break.problems).toEqual([
      `group_guid: the chain has "${NEW_GUID}", the row has "another-group"`,
    ]);
  });
});
