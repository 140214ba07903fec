import { describe, expect, it } from "vitest";
import { seed } from "@/sim/seed";
import { defaultCatalog } from "./default-catalog";
import type { SecurityGroup } from "./evaluate";
import { preview } from "./preview";
import { applyChange, effectiveGroups, type SpaceGroups } from "./space";

function seeded(name: string): SecurityGroup {
  const group = seed.securityGroups.find((g) => g.name === name);
  if (group === undefined) throw new Error(`no seeded group ${name}`);
  return group;
}

const dns = seeded("dns");
const publicEgress = seeded("public_networks_egress");
const trustedLocal = seeded("trusted_local_networks_egress");

const space = (running: SecurityGroup[]): SpaceGroups => ({
  running: { global: [dns], bound: running },
  staging: { global: [dns, publicEgress], bound: [] },
});

const ids = (list: { id: string }[]) => list.map((d) => d.id);

describe("preview", () => {
  it("lists what trusted-local egress opens for a closed space", () => {
    const result = preview(
      space([]),
      { action: "bind", lifecycle: "running", group: trustedLocal },
      defaultCatalog,
    );
    expect(result.lifecycle).toBe("running");
    expect(ids(result.opens)).toEqual(["s3-brokered", "rds", "redis", "elasticsearch"]);
    expect(result.closes).toEqual([]);
    expect(result.opens[1]).toEqual({ id: "rds", label: "RDS", before: "blocked", after: "allowed" });
    expect(result.destinations).toHaveLength(defaultCatalog.destinations.length);
  });

  it("keeps S3 (brokered) open when public egress is turned off in a space that also has trusted-local", () => {
    const result = preview(
      space([publicEgress, trustedLocal]),
      { action: "unbind", lifecycle: "running", group: publicEgress },
      defaultCatalog,
    );
    expect(ids(result.closes)).toEqual(["public-web", "s3-user-provided"]);
    expect(result.opens).toEqual([]);
    expect(result.destinations.find((d) => d.id === "s3-brokered")).toMatchObject({
      before: "allowed",
      after: "allowed",
    });
  });

  it("shows no change when unbinding a group that stays globally enabled", () => {
    const current: SpaceGroups = {
      running: { global: [dns], bound: [] },
      staging: { global: [dns, publicEgress], bound: [publicEgress] },
    };
    const result = preview(
      current,
      { action: "unbind", lifecycle: "staging", group: publicEgress },
      defaultCatalog,
    );
    expect(result.opens).toEqual([]);
    expect(result.closes).toEqual([]);
    expect(result.destinations.find((d) => d.id === "public-web")).toMatchObject({
      before: "allowed",
      after: "allowed",
    });
  });

  it("treats a bind of an already bound group as no change, as CF does", () => {
    const result = preview(
      space([trustedLocal]),
      { action: "bind", lifecycle: "running", group: trustedLocal },
      defaultCatalog,
    );
    expect(result.opens).toEqual([]);
    expect(result.closes).toEqual([]);
  });

  it("changes only the lifecycle asked for", () => {
    const result = preview(
      space([]),
      { action: "bind", lifecycle: "staging", group: trustedLocal },
      defaultCatalog,
    );
    expect(result.lifecycle).toBe("staging");
    // Staging already has public egress: trusted-local adds the brokered services, S3 (brokered) was open already.
    expect(ids(result.opens)).toEqual(["rds", "redis", "elasticsearch"]);
  });

  it("reports a partial destination becoming allowed as opening", () => {
    const rdsPostgres: SecurityGroup = {
      name: "rds-postgres",
      rules: [{ protocol: "tcp", destination: "10.10.0.0/22", ports: "5432" }],
    };
    const result = preview(
      space([rdsPostgres]),
      { action: "bind", lifecycle: "running", group: trustedLocal },
      defaultCatalog,
    );
    expect(result.opens.find((d) => d.id === "rds")).toEqual({
      id: "rds",
      label: "RDS",
      before: "partial",
      after: "allowed",
    });
  });
});

describe("space groups", () => {
  it("matches groups by guid when both have one, else by name", () => {
    const a = { name: "renamed", guid: "g-1", rules: [] };
    const b = { name: "original", guid: "g-1", rules: [] };
    const after = applyChange(
      { running: { global: [], bound: [b] }, staging: { global: [], bound: [] } },
      { action: "unbind", lifecycle: "running", group: a },
    );
    expect(after.running.bound).toEqual([]);
  });

  it("lists each applying group once", () => {
    expect(
      effectiveGroups({ global: [dns, publicEgress], bound: [publicEgress, trustedLocal] }).map(
        (g) => g.name,
      ),
    ).toEqual(["dns", "public_networks_egress", "trusted_local_networks_egress"]);
  });
});
