import { describe, expect, it } from "vitest";
import type { SecurityGroup } from "@/lib/cf/schemas";
import { defaultCatalog, DEFAULT_PROFILES } from "@/lib/egress";
import { groupFindings, lintGroupOfCf, lintGroupOfView } from "./group-lint";
import type { SecurityGroupView } from "./security-groups";

const GUID = "0b6d6a51-7d1e-4a47-9a51-1f0c7e6a2b11";

function cfGroup(running: string[], staging: string[], global = { running: false, staging: false }) {
  return {
    guid: GUID,
    name: "g",
    globally_enabled: global,
    rules: [{ protocol: "tcp", destination: "10.10.4.0/24", ports: "6379" }],
    relationships: {
      running_spaces: { data: running.map((guid) => ({ guid })) },
      staging_spaces: { data: staging.map((guid) => ({ guid })) },
    },
  } as unknown as SecurityGroup;
}

describe("group lint's input from the pages' data", () => {
  it("takes the lifecycles a group is bound for from what CF showed", () => {
    expect(lintGroupOfCf(cfGroup(["s1", "s2"], [])).boundFor).toEqual(["running"]);
    expect(lintGroupOfCf(cfGroup([], ["s1"])).boundFor).toEqual(["staging"]);
    const view: SecurityGroupView = {
      guid: GUID,
      name: "g",
      rules: [],
      global: { running: false, staging: false },
      bindings: [
        { spaceGuid: "a", spaceName: null, orgGuid: null, orgName: null, lifecycle: "running" },
        { spaceGuid: "b", spaceName: null, orgGuid: null, orgName: null, lifecycle: "running" },
        { spaceGuid: "a", spaceName: null, orgGuid: null, orgName: null, lifecycle: "staging" },
      ],
    };
    expect(lintGroupOfView(view).boundFor).toEqual(["running", "staging"]);
  });

  it("says bound nowhere only to a user who sees every binding", () => {
    const unbound = lintGroupOfCf(cfGroup([], []));
    const inputs = { catalog: defaultCatalog, profiles: DEFAULT_PROFILES, dynamicAsgs: true };
    expect(groupFindings([unbound], [unbound], { ...inputs, seesAllBindings: true })[GUID]).toEqual([
      expect.objectContaining({ kind: "bound-nowhere" }),
    ]);
    expect(groupFindings([unbound], [unbound], { ...inputs, seesAllBindings: false })).toEqual({});
  });
});
