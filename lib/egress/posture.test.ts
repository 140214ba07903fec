import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ids, seed } from "@/sim/seed";
import { SEEDS } from "@/sim/seeds";
import { defaultCatalog } from "./default-catalog";
import { evaluateLifecycle, type SecurityGroup } from "./evaluate";
import { reachOf, type Reach } from "./networks";
import { platformPosture, posture, type Posture } from "./posture";
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

  it("gives every seeded space the posture docs/design.md §3 lists", () => {
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

const reach = (r: Partial<Reach>): Reach => ({ public: false, local: false, mixed: false, ...r });

describe("posture, with what the engine found reachable", () => {
  it.each<[string[], string[], Partial<Reach>, Posture]>([
    // Nothing reachable: the profiles decide, as before.
    [[], ["dns"], {}, "closed"],
    [[PUBLIC], ["dns"], { public: true, mixed: true }, "public"],
    // cf-deployment: public_networks is global and no profile names it.
    [[], ["dns", "public_networks"], { public: true, mixed: true }, "public"],
    [[TRUSTED], ["dns", "public_networks"], { public: true, local: true, mixed: true }, "both"],
    // A global group that reaches brokered services.
    [[], ["dns", "vpc"], { local: true }, "trusted-local"],
    [[PUBLIC], ["dns", "vpc"], { public: true, local: true }, "both"],
    // Only a destination that is both public and private: something is open, but no posture names it.
    [[], ["dns", "s3-either"], { mixed: true }, "custom"],
    // Custom stays custom.
    [["my-db"], ["dns"], { local: true }, "custom"],
  ])("bound %j, global %j, reach %j: %s", (boundRunning, globalRunning, r, expected) => {
    expect(posture({ boundRunning, globalRunning, reach: reach(r) })).toBe(expected);
  });

  it("gives the platform's own posture: what a space with nothing bound has", () => {
    expect(platformPosture(["dns"], reach({}))).toBe("closed");
    expect(platformPosture(["dns", "public_networks"], reach({ public: true }))).toBe("public");
    expect(platformPosture(["dns", PUBLIC], reach({ public: true }))).toBe("public");
  });

  it("is never closed while an ASG-governed destination is reachable (random groups, default catalog)", () => {
    const pool: SecurityGroup[] = [
      { name: "dns", rules: [{ protocol: "udp", destination: "0.0.0.0/0", ports: "53" }] },
      { name: "web-443", rules: [{ protocol: "tcp", destination: "93.184.216.0/24", ports: "443" }] },
      { name: "s3", rules: [{ protocol: "tcp", destination: "52.216.0.0/15", ports: "443" }] },
      { name: "rds", rules: [{ protocol: "tcp", destination: "10.10.0.0/22", ports: "5432" }] },
      { name: "vpce", rules: [{ protocol: "tcp", destination: "10.10.8.0/24", ports: "443" }] },
      { name: "everything", rules: [{ protocol: "all", destination: "0.0.0.0-255.255.255.255" }] },
      { name: PUBLIC, rules: [{ protocol: "all", destination: "11.0.0.0-169.253.255.255" }] },
      { name: TRUSTED, rules: [{ protocol: "tcp", destination: "10.10.4.0/24", ports: "6379" }] },
    ];
    fc.assert(
      fc.property(fc.subarray(pool), fc.subarray(pool), (bound, global) => {
        const { destinations } = evaluateLifecycle([...global, ...bound], defaultCatalog);
        const result = posture({
          boundRunning: bound.map((g) => g.name),
          globalRunning: global.map((g) => g.name),
          reach: reachOf(destinations, defaultCatalog),
        });
        const reachable = destinations.some((d) => d.governed && d.status !== "blocked");
        if (reachable) expect(result).not.toBe("closed");
        if (result === "closed") expect(reachable).toBe(false);
        // A public destination open means public egress, whatever opened it (or a custom group).
        const publicOpen = destinations.some(
          (d) => (d.id === "public-web" || d.id === "s3-user-provided") && d.status !== "blocked",
        );
        if (publicOpen) expect(["public", "both", "custom"]).toContain(result);
      }),
      { numRuns: 300 },
    );
  });

  it("calls every space of cf-deployment's seed public, with cloud.gov's profiles naming none of its groups", () => {
    const world = SEEDS["cf-deployment"];
    const global = world.securityGroups.filter((g) => g.globallyEnabled.running);
    expect(global.map((g) => g.name)).toEqual(["dns", "public_networks"]);
    const { destinations } = evaluateLifecycle(global, defaultCatalog);
    expect(destinations.find((d) => d.id === "public-web")?.status).toBe("allowed");
    for (const space of world.spaces) {
      const bound = world.securityGroups
        .filter((g) => g.runningSpaces.includes(space.guid))
        .map((g) => g.name);
      expect(
        posture({
          boundRunning: bound,
          globalRunning: global.map((g) => g.name),
          reach: reachOf(destinations, defaultCatalog),
        }),
        space.name,
      ).toBe("public");
    }
  });
});
