import { describe, expect, it } from "vitest";
import { ids, seed } from "@/sim/seed";
import { posture, type Posture } from "./posture";
import { applyingProfiles, DEFAULT_PROFILES, profileState, type Profile } from "./profiles";

const PUBLIC = "public_networks_egress";
const TRUSTED = "trusted_local_networks_egress";

describe("profiles", () => {
  it("defaults to cloud.gov's two groups", () => {
    expect(DEFAULT_PROFILES.map(({ id, group, label }) => ({ id, group, label }))).toEqual([
      { id: "public", group: PUBLIC, label: "Public egress" },
      { id: "trusted-local", group: TRUSTED, label: "Trusted local egress" },
    ]);
  });

  it.each([
    [[], [], "off"],
    [[PUBLIC], [], "bound"],
    [[], [PUBLIC], "global"],
    [[PUBLIC], [PUBLIC], "bound-and-global"],
    [[TRUSTED], ["dns"], "off"],
  ] as const)("bound %j, global %j: the public profile is %s", (bound, global, state) => {
    const publicProfile = DEFAULT_PROFILES[0];
    expect(publicProfile && profileState(publicProfile, { bound, global })).toBe(state);
  });

  it("applies a profile that is bound or global", () => {
    expect(applyingProfiles({ bound: [TRUSTED], global: ["dns", PUBLIC] }).map((p) => p.id)).toEqual([
      "public",
      "trusted-local",
    ]);
    expect(applyingProfiles({ bound: [], global: ["dns"] })).toEqual([]);
  });
});

describe("posture", () => {
  it.each<[string[], string[], Posture]>([
    [[], [], "closed"],
    [[], ["dns"], "closed"],
    [[TRUSTED], ["dns"], "trusted-local"],
    [[PUBLIC], ["dns"], "public"],
    [[PUBLIC, TRUSTED], ["dns"], "both"],
    [[TRUSTED, PUBLIC], ["dns"], "both"],
    // A globally enabled profile applies to every space.
    [[], ["dns", PUBLIC], "public"],
    [[TRUSTED], ["dns", PUBLIC], "both"],
    // Bound and global at once still counts once.
    [[PUBLIC], ["dns", PUBLIC], "public"],
    // Binding a global group to the space changes nothing.
    [["dns"], ["dns"], "closed"],
    [["my-db"], ["dns"], "custom"],
    [[PUBLIC, "my-db"], ["dns"], "custom"],
    [[PUBLIC, TRUSTED, "my-db"], ["dns"], "custom"],
  ])("bound %j, global %j: %s", (boundRunning, globalRunning, expected) => {
    expect(posture({ boundRunning, globalRunning })).toBe(expected);
  });

  it("follows configured profile groups", () => {
    const profiles: Profile[] = [
      { id: "public", group: "internet", label: "Internet" },
      { id: "trusted-local", group: "brokered", label: "Brokered services" },
    ];
    expect(posture({ boundRunning: ["internet"], globalRunning: [] }, profiles)).toBe("public");
    expect(posture({ boundRunning: ["internet", "brokered"], globalRunning: [] }, profiles)).toBe("both");
    // The cloud.gov group names are ordinary groups on this platform.
    expect(posture({ boundRunning: [PUBLIC], globalRunning: [] }, profiles)).toBe("custom");
  });

  it("calls a combination with a profile beyond the two named postures custom", () => {
    const profiles: Profile[] = [
      ...DEFAULT_PROFILES,
      { id: "partners", group: "partner_apis", label: "Partner APIs" },
    ];
    expect(posture({ boundRunning: ["partner_apis"], globalRunning: [] }, profiles)).toBe("custom");
    expect(posture({ boundRunning: [PUBLIC], globalRunning: [] }, profiles)).toBe("public");
  });

  it("gives every seeded space the posture design.md §3 lists", () => {
    const globalRunning = seed.securityGroups.filter((g) => g.globallyEnabled.running).map((g) => g.name);
    const of = (guid: string) =>
      posture({
        boundRunning: seed.securityGroups.filter((g) => g.runningSpaces.includes(guid)).map((g) => g.name),
        globalRunning,
      });
    const s = ids.spaces;
    expect({
      alphaDev: of(s.alphaDev),
      alphaStaging: of(s.alphaStaging),
      alphaProd: of(s.alphaProd),
      alphaSandbox: of(s.alphaSandbox),
      betaDev: of(s.betaDev),
      betaProd: of(s.betaProd),
      gammaLegacy: of(s.gammaLegacy),
    }).toEqual({
      alphaDev: "closed",
      alphaStaging: "trusted-local",
      alphaProd: "both",
      alphaSandbox: "public",
      betaDev: "closed",
      betaProd: "trusted-local",
      gammaLegacy: "closed",
    });
  });
});
