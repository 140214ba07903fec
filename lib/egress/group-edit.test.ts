import { describe, expect, it } from "vitest";
import { defaultCatalog } from "./default-catalog";
import { seededFoundation } from "./test-support/seeded-foundation";
import { seed } from "@/sim/seed";
import { editedGroup, groupEditPreview, type GroupEdit } from "./group-edit";

/** The seeded world (docs/design.md §3) as CF lists it to an admin. */
const { groups, spaces, orgs } = seededFoundation();
const named = (name: string) => {
  const group = groups.find((g) => g.name === name);
  if (!group) throw new Error(`no seeded group ${name}`);
  return group;
};
const trustedLocal = named("trusted_local_networks_egress");
const publicEgress = named("public_networks_egress");

const run = (edit: GroupEdit) => groupEditPreview({ groups, spaces, orgs, edit, catalog: defaultCatalog });
/** "org/space lifecycle: +opened -closed", the preview in a line per space. */
const lines = (edit: GroupEdit) =>
  run(edit).spaces.map(
    (s) =>
      `${s.org.name}/${s.space.name} ${s.lifecycle}: ${[
        ...s.opens.map((d) => `+${d.id}`),
        ...s.closes.map((d) => `-${d.id}`),
      ].join(" ")}`,
  );

describe("groupEditPreview", () => {
  it("closes Redis in every space trusted-local is bound to when its Redis rule is removed", () => {
    const rules = trustedLocal.rules.filter((r) => r.description !== "Redis");
    expect(lines({ groupGuid: trustedLocal.guid, rules })).toEqual([
      "agency-alpha/prod running: -redis",
      "agency-alpha/staging running: -redis",
      "agency-beta/prod running: -redis",
    ]);
    expect(run({ groupGuid: trustedLocal.guid, rules }).orgs).toEqual([
      { org: { guid: seed.orgs[0]?.guid, name: "agency-alpha" }, spaces: 2, opens: 0, closes: 2 },
      { org: { guid: seed.orgs[1]?.guid, name: "agency-beta" }, spaces: 1, opens: 0, closes: 1 },
    ]);
  });

  it("reports nothing for a rule whose destination no catalog entry names, or an unchanged group", () => {
    const extra = [...trustedLocal.rules, { protocol: "tcp", destination: "192.0.2.10", ports: "22" }];
    expect(lines({ groupGuid: trustedLocal.guid, rules: extra })).toEqual([]);
    expect(lines({ groupGuid: trustedLocal.guid, rules: trustedLocal.rules })).toEqual([]);
    expect(lines({ groupGuid: "no-such-group", rules: [] })).toEqual([]);
  });

  it("does not count a space where another group keeps the destination open", () => {
    // public_networks_egress (bound to prod and sandbox) reaches the public web; trusted-local never did.
    const rules = [
      ...trustedLocal.rules,
      { protocol: "tcp", destination: "93.184.216.0/24", ports: "80,443" },
    ];
    expect(lines({ groupGuid: trustedLocal.guid, rules })).toEqual([
      "agency-alpha/staging running: +public-web",
      "agency-beta/prod running: +public-web",
    ]);
  });

  it("turning a group on platform-wide for running reaches every space of the foundation", () => {
    const preview = run({ groupGuid: trustedLocal.guid, globallyEnabled: { running: true } });
    expect(preview.spaces.map((s) => `${s.org.name}/${s.space.name}`)).toEqual([
      "agency-alpha/dev",
      "agency-alpha/sandbox",
      "agency-beta/dev",
      "agency-gamma/legacy",
    ]);
    expect(preview.spaces.every((s) => s.lifecycle === "running" && s.closes.length === 0)).toBe(true);
    expect(preview.orgs.map((o) => [o.org.name, o.spaces])).toEqual([
      ["agency-alpha", 2],
      ["agency-beta", 1],
      ["agency-gamma", 1],
    ]);
  });

  it("turning public egress off platform-wide for staging closes the public web for staging where nothing else opens it", () => {
    const preview = run({ groupGuid: publicEgress.guid, globallyEnabled: { staging: false } });
    expect(preview.spaces).toHaveLength(seed.spaces.length);
    expect(preview.spaces.every((s) => s.lifecycle === "staging")).toBe(true);
    expect(preview.spaces[0]?.closes.map((d) => d.id)).toContain("public-web");
  });

  it("edits a copy: the group as CF listed it is left as it was", () => {
    const after = editedGroup(trustedLocal, { groupGuid: trustedLocal.guid, rules: [], globallyEnabled: {} });
    expect(after.rules).toEqual([]);
    expect(trustedLocal.rules).toHaveLength(4);
    expect(after.globally_enabled).toEqual(trustedLocal.globally_enabled);
  });
});
