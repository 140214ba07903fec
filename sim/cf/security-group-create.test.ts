import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ids } from "../seed";
import { startTestSim, type TestSim } from "../testing/harness";

/**
 * `POST /v3/security_groups` as CC answers it (docs/cf-behaviour.md §2.2, §2.4, §2.6), which the
 * dashboard's "New security group" relies on: the body's name, flags, rules and relationships
 * taken and echoed, a taken name refused in CC's words, rules refused with the same texts as a
 * PATCH, and every caller but an admin refused by role (a global auditor too) before the body is
 * looked at.
 */

const { spaces: s, securityGroups: g } = ids;
const detailOf = (body: unknown) => (body as { errors: { detail: string }[] }).errors[0]?.detail;

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.reset();
});

describe("creating a security group", () => {
  it("takes the name, flags, rules and both relationships, and echoes them (201)", async () => {
    const rules = [{ protocol: "tcp", destination: "10.1.0.0/16", ports: "5432", description: "db" }];
    const res = await t.call("POST", "/v3/security_groups", {
      user: "admin",
      body: {
        name: "made-here",
        globally_enabled: { running: true },
        rules,
        relationships: { running_spaces: { data: [{ guid: s.alphaDev }] }, staging_spaces: { data: [] } },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "made-here",
      globally_enabled: { running: true, staging: false },
      rules,
      relationships: { running_spaces: { data: [{ guid: s.alphaDev }] }, staging_spaces: { data: [] } },
    });
    const guid = (res.body as { guid: string }).guid;
    const read = await t.call("GET", `/v3/security_groups/${guid}`, { user: "admin" });
    expect(read.status).toBe(200);
    expect((read.body as { rules: unknown }).rules).toEqual(rules);
  });

  it("defaults the rules to [] and both flags to off", async () => {
    const res = await t.call("POST", "/v3/security_groups", { user: "admin", body: { name: "bare" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ rules: [], globally_enabled: { running: false, staging: false } });
  });

  it("refuses a taken name with CC's exact text, case-sensitively", async () => {
    const seeded = await t.call("GET", `/v3/security_groups/${g.trustedLocal}`, { user: "admin" });
    const name = (seeded.body as { name: string }).name;
    const taken = await t.call("POST", "/v3/security_groups", { user: "admin", body: { name } });
    expect(taken.status).toBe(422);
    expect(detailOf(taken.body)).toBe(`Security group with name '${name}' already exists.`);
    const other = await t.call("POST", "/v3/security_groups", {
      user: "admin",
      body: { name: name.toUpperCase() },
    });
    expect(other.status).toBe(201);
  });

  it("refuses rules with the same 422 text as a PATCH does, and creates nothing", async () => {
    const rules = [
      { protocol: "tcp", destination: "10.0.0.0/8", ports: "443" },
      { protocol: "tcp", destination: "10.10.4.0/33", ports: "443" },
    ];
    const created = await t.call("POST", "/v3/security_groups", {
      user: "admin",
      body: { name: "bad-rules", rules },
    });
    const patched = await t.call("PATCH", `/v3/security_groups/${g.trustedLocal}`, {
      user: "admin",
      body: { rules },
    });
    expect(created.status).toBe(422);
    expect(patched.status).toBe(422);
    expect(detailOf(created.body)).toBe(detailOf(patched.body));
    expect(detailOf(created.body)).toMatch(/^Rules\[1\]: /);
    const list = await t.call("GET", "/v3/security_groups?names=bad-rules", { user: "admin" });
    expect((list.body as { resources: unknown[] }).resources).toEqual([]);
  });

  it("refuses a space that does not exist with the create's own text (not the bind's)", async () => {
    const res = await t.call("POST", "/v3/security_groups", {
      user: "admin",
      body: { name: "nowhere", relationships: { staging_spaces: { data: [{ guid: "no-such-space" }] } } },
    });
    expect(res.status).toBe(422);
    expect(detailOf(res.body)).toBe('Spaces with guids ["no-such-space"] do not exist.');
  });

  it.each(["gale", "olivia", "sam", "devon"])("refuses %s with 403 before reading the body", async (user) => {
    const res = await t.call("POST", "/v3/security_groups", {
      user,
      body: { name: "", rules: "not rules", unknown: true },
    });
    expect(res.status).toBe(403);
    expect((res.body as { errors: { title: string }[] }).errors[0]?.title).toBe("CF-NotAuthorized");
  });
});
