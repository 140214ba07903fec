import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CatalogError } from "./catalog";
import { seed } from "@/sim/seed";
import { defaultPlatform } from "./default-catalog";
import { evaluateLifecycle } from "./evaluate";
import { parsePlatform } from "./platform";

function problemsOf(json: unknown): string[] {
  try {
    parsePlatform(json);
  } catch (error) {
    if (error instanceof CatalogError) return error.problems;
    throw error;
  }
  throw new Error("expected parsePlatform to throw");
}

const destinations = [
  {
    id: "public-web",
    label: "Public web",
    asg_governed: true,
    endpoints: [{ protocol: "tcp", destination: "93.184.216.0/24", ports: "443" }],
  },
];
const profile = { id: "public", label: "Public egress", group: "public_networks" };

describe("the built-in platform file", () => {
  it("offers cloud.gov's two profiles, each with a description", () => {
    expect(defaultPlatform.profiles.map(({ id, group, label }) => ({ id, group, label }))).toEqual([
      { id: "public", group: "public_networks_egress", label: "Public egress" },
      { id: "trusted-local", group: "trusted_local_networks_egress", label: "Trusted local egress" },
    ]);
    for (const p of defaultPlatform.profiles) expect(p.description).toMatch(/\w/);
  });

  it("says of each profile what its group opens on the stand-in, as the engine finds from its rules", () => {
    for (const p of defaultPlatform.profiles) {
      const group = seed.securityGroups.find((g) => g.name === p.group);
      expect(group, p.group).toBeDefined();
      const opened = evaluateLifecycle(
        [{ name: p.group, rules: group?.rules ?? [] }],
        defaultPlatform.catalog,
      )
        .destinations.filter((d) => d.governed && d.status === "allowed")
        .map((d) => d.id);
      expect(p.opens, p.id).toEqual(opened);
    }
  });
});

describe("the example platform files", () => {
  it.each(["cf-deployment.json"])("platforms/%s is valid", (name) => {
    const json: unknown = JSON.parse(
      readFileSync(path.join(import.meta.dirname, "../../platforms", name), "utf8"),
    );
    expect(parsePlatform(json).profiles.length).toBeGreaterThan(0);
  });
});

describe("parsePlatform", () => {
  it("splits the file into the catalog and the profiles", () => {
    const platform = parsePlatform({ name: "cf-deployment", profiles: [profile], destinations });
    expect(platform.profiles).toEqual([profile]);
    expect(platform.catalog).toEqual({ name: "cf-deployment", destinations });
  });

  it("falls back to the given profiles when the file lists none", () => {
    const fallback = [{ id: "x", label: "X", group: "x" }];
    expect(parsePlatform({ name: "n", destinations }, () => fallback).profiles).toEqual(fallback);
  });

  it("names every bad profile field by its path", () => {
    expect(
      problemsOf({
        name: "n",
        destinations,
        profiles: [
          { id: "public egress", label: " ", group: "" },
          { ...profile, colour: "red" },
          { ...profile, id: "other" },
          "public",
        ],
      }),
    ).toEqual([
      "profiles[0].id: must be lowercase letters, digits and single hyphens, e.g. public",
      "profiles[0].label: must not be empty",
      "profiles[0].group: must not be empty",
      'profiles[1]: Unrecognized key: "colour"',
      'profiles[3]: must be an object with "id", "label", "group" and optionally "description" and "opens"',
    ]);
  });

  it("refuses a profile that opens a destination the file does not name", () => {
    expect(
      problemsOf({ name: "n", destinations, profiles: [{ ...profile, opens: ["public-web", "rds"] }] }),
    ).toEqual(['profiles[0].opens[1]: names no destination of this file ("rds")']);
    expect(
      parsePlatform({ name: "n", destinations, profiles: [{ ...profile, opens: ["public-web"] }] }).profiles,
    ).toEqual([{ ...profile, opens: ["public-web"] }]);
  });

  it("refuses a profile id or group listed twice, and an empty list", () => {
    expect(problemsOf({ name: "n", destinations, profiles: [profile, { ...profile, id: "other" }] })).toEqual(
      ['profiles[1].group: duplicate group "public_networks"'],
    );
    expect(
      problemsOf({ name: "n", destinations, profiles: [profile, { ...profile, group: "other" }] }),
    ).toEqual(['profiles[1].id: duplicate id "public"']);
    expect(problemsOf({ name: "n", destinations, profiles: [] })).toEqual([
      "profiles: must list at least one profile",
    ]);
  });

  it("reports catalog problems with the same paths as before", () => {
    expect(problemsOf({ name: "n", destinations: [{ ...destinations[0], endpoints: [] }] })).toEqual([
      "destinations[0].endpoints: a destination governed by ASGs needs at least one endpoint",
    ]);
  });
});
