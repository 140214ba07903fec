import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILES, defaultCatalog } from "@/lib/egress";
import { GroupIndex, spaceEgress } from "@/lib/egress/space-egress";
import { judge } from "@/lib/permissions";
import { cfGroup } from "@/lib/policy/test-support/world";
import { ids } from "@/sim/seed";
import { findFixes, fixAdvice } from "./fixes";

/** The fixes of a space as a user sees it: the groups CF shows them, bound to the spaces they read. */
function fixesOf(space: string, visible: { name: string; spaces: string[] }[]) {
  const index = new GroupIndex(visible.map((g) => cfGroup(g.name, g.spaces)));
  const bindings = index.bindings(space);
  const egress = spaceEgress(bindings, index, defaultCatalog, DEFAULT_PROFILES);
  return findFixes(bindings, index, egress, defaultCatalog, DEFAULT_PROFILES).map(
    (f) => `${f.destinationId}: ${f.profile.id}${f.available ? "" : " (not available)"}`,
  );
}

const { alphaDev: dev, alphaSandbox: sandbox, alphaProd: prod } = ids.spaces;

describe("the fix for each blocked destination", () => {
  it("comes from the engine's preview where the user sees the profile's group", () => {
    const all = [dev, sandbox, prod];
    expect(
      fixesOf(dev, [
        { name: "dns", spaces: all },
        { name: "public_networks_egress", spaces: all },
        { name: "trusted_local_networks_egress", spaces: all },
      ]),
    ).toEqual([
      "public-web: public",
      "s3-user-provided: public",
      "s3-brokered: public",
      "rds: trusted-local",
      "redis: trusted-local",
      "elasticsearch: trusted-local",
    ]);
  });

  it("names the profile from the platform file where CF hides its group (sasha on sandbox)", () => {
    expect(
      fixesOf(sandbox, [
        { name: "dns", spaces: [sandbox] },
        { name: "public_networks_egress", spaces: [sandbox] },
      ]),
    ).toEqual([
      "rds: trusted-local (not available)",
      "redis: trusted-local (not available)",
      "elasticsearch: trusted-local (not available)",
    ]);
  });
});

describe("a fix in words", () => {
  const trusted = DEFAULT_PROFILES.find((p) => p.id === "trusted-local")!;
  const org = { name: "agency-alpha", suspended: false };
  const may = judge("change-space-egress", { roleAllows: true, isAdmin: false }, org);
  const mayNot = judge("change-space-egress", { roleAllows: false, isAdmin: false }, org);
  const suspended = judge(
    "change-space-egress",
    { roleAllows: true, isAdmin: false },
    { ...org, suspended: true },
  );

  it("offers the change to a user who may make it", () => {
    expect(fixAdvice({ profile: trusted, available: true }, may, "RDS is blocked")).toEqual({
      words: "RDS is blocked: turn on Trusted local egress.",
      action: true,
    });
  });

  it("says who can turn it on to a user who may not (devon), with no button", () => {
    expect(fixAdvice({ profile: trusted, available: true }, mayNot, "RDS is blocked")).toEqual({
      words:
        "RDS is blocked. Trusted local egress would open it; a SpaceManager of this space or an OrgManager of this org can turn it on.",
      action: false,
    });
    expect(fixAdvice({ profile: trusted, available: true }, suspended, "RDS is blocked").words).toMatch(
      /^RDS is blocked\. Trusted local egress would open it\. This org is suspended/,
    );
  });

  it("says why a hidden group cannot be applied, and whom to ask (sasha)", () => {
    expect(fixAdvice({ profile: trusted, available: false }, may, "RDS is blocked")).toEqual({
      words:
        "RDS is blocked. Trusted local egress would open it, but it is not available to you: its security group (trusted_local_networks_egress) is bound to no space you can read, so Cloud Foundry does not show it to you. Ask an OrgManager of this org or your platform team to turn it on.",
      action: false,
    });
  });
});
