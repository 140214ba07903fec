import { describe, expect, it } from "vitest";
import { defaultCatalog } from "./default-catalog";
import { seededFoundation } from "./test-support/seeded-foundation";
import { createdGroup, groupCreatePreview, nameTaken, type GroupCreate } from "./group-create";

/** The seeded world (docs/design.md §3) as CF lists it to an admin. */
const { groups, spaces, orgs } = seededFoundation();
const trustedLocal = groups.find((g) => g.name === "trusted_local_networks_egress");
if (!trustedLocal) throw new Error("no seeded trusted-local group");

const off = { running: false, staging: false };
const run = (create: GroupCreate) =>
  groupCreatePreview({ groups, spaces, orgs, create, catalog: defaultCatalog });
/** "org/space lifecycle: +opened -closed", the preview in a line per space. */
const lines = (create: GroupCreate) =>
  run(create).spaces.map(
    (s) =>
      `${s.org.name}/${s.space.name} ${s.lifecycle}: ${[
        ...s.opens.map((d) => `+${d.id}`),
        ...s.closes.map((d) => `-${d.id}`),
      ].join(" ")}`,
  );

describe("groupCreatePreview", () => {
  it("opens nothing for a group on nowhere, whatever its rules: a new group is bound to no space", () => {
    const create = { name: "new", rules: trustedLocal.rules, globallyEnabled: off };
    expect(run(create)).toEqual({ spaces: [], orgs: [] });
  });

  it("opens, platform-wide for running, what each space did not reach, and closes nothing", () => {
    const create = {
      name: "new",
      rules: trustedLocal.rules,
      globallyEnabled: { running: true, staging: false },
    };
    expect(lines(create)).toEqual([
      "agency-alpha/dev running: +s3-brokered +rds +redis +elasticsearch",
      "agency-alpha/sandbox running: +rds +redis +elasticsearch",
      "agency-beta/dev running: +s3-brokered +rds +redis +elasticsearch",
      "agency-gamma/legacy running: +s3-brokered +rds +redis +elasticsearch",
    ]);
    const preview = run(create);
    expect(preview.spaces.length).toBeGreaterThan(0);
    expect(preview.spaces.every((s) => s.lifecycle === "running" && s.closes.length === 0)).toBe(true);
    // Spaces already bound to trusted-local reach its destinations: nothing opens there.
    const bound = new Set(trustedLocal.relationships.running_spaces.data.map((d) => d.guid));
    expect(preview.spaces.some((s) => bound.has(s.space.guid))).toBe(false);
    expect(preview.orgs.map((o) => o.org.name)).toEqual([...new Set(preview.spaces.map((s) => s.org.name))]);
  });

  it("counts staging apart from running", () => {
    const both = run({
      name: "new",
      rules: trustedLocal.rules,
      globallyEnabled: { running: true, staging: true },
    });
    const running = run({
      name: "new",
      rules: trustedLocal.rules,
      globallyEnabled: { running: true, staging: false },
    });
    expect(both.spaces.filter((s) => s.lifecycle === "running")).toEqual(running.spaces);
    expect(both.spaces.some((s) => s.lifecycle === "staging")).toBe(true);
  });

  it("opens nothing for an empty group, even platform-wide", () => {
    expect(run({ name: "new", rules: [], globallyEnabled: { running: true, staging: true } })).toEqual({
      spaces: [],
      orgs: [],
    });
  });
});

describe("createdGroup and nameTaken", () => {
  it("is the group as CF holds it after the create: the rules, the flags, bound to no space", () => {
    const rules = [{ protocol: "tcp", destination: "10.0.0.1", ports: "443" }];
    const group = createdGroup({ name: "made", rules, globallyEnabled: { running: false, staging: true } });
    expect(group).toMatchObject({
      name: "made",
      rules,
      globally_enabled: { running: false, staging: true },
      relationships: { running_spaces: { data: [] }, staging_spaces: { data: [] } },
    });
    expect(group.rules).not.toBe(rules);
  });

  it("compares names as CF does, case-sensitively", () => {
    expect(nameTaken(groups, "trusted_local_networks_egress")).toBe(true);
    expect(nameTaken(groups, "Trusted_Local_Networks_Egress")).toBe(false);
  });
});
