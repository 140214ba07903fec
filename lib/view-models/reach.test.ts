import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILES } from "@/lib/egress";
import type { ReachResult } from "@/lib/egress/reach";
import { judge } from "@/lib/permissions";
import { reachView } from "./reach";

const trusted = DEFAULT_PROFILES.find((p) => p.id === "trusted-local")!;
const org = { name: "agency-alpha", suspended: false };
const may = judge("change-space-egress", { roleAllows: true, isAdmin: false }, org);
const mayNot = judge("change-space-egress", { roleAllows: false, isAdmin: false }, org);

const result = (answers: Extract<ReachResult, { ok: true }>["answers"]): ReachResult => ({
  ok: true,
  host: "rds.agency-alpha.internal",
  resolved: true,
  protocol: "tcp",
  port: 5432,
  answers,
});

describe("the reach check in words", () => {
  it("says yes with the rule, and that a host name was resolved from the dashboard's network", () => {
    const view = reachView(
      result([
        {
          address: "10.10.0.12",
          allowed: true,
          by: { group: "trusted_local_networks_egress", ruleIndex: 0 },
        },
      ]),
      may,
    );
    expect(view).toEqual({
      ok: true,
      host: "rds.agency-alpha.internal",
      note: "rds.agency-alpha.internal was resolved from the dashboard’s network; your app’s DNS inside the platform may answer differently.",
      lines: [
        {
          address: "10.10.0.12",
          allowed: true,
          verdict: "Yes: 10.10.0.12 tcp 5432",
          text: "is allowed by trusted_local_networks_egress, rule 1.",
        },
      ],
    });
  });

  it("says no with the profile that would open it, and offers it only to who may turn it on", () => {
    const refused = result([
      { address: "10.10.0.12", allowed: false, fix: { profile: trusted, available: true } },
    ]);
    const sam = reachView(refused, may);
    expect(sam.ok && sam.lines[0]).toEqual({
      address: "10.10.0.12",
      allowed: false,
      verdict: "No: 10.10.0.12 tcp 5432",
      text: "is not allowed by any security group that applies to running apps: turn on Trusted local egress.",
      action: { profileId: "trusted-local", label: "Trusted local egress" },
    });
    const devon = reachView(refused, mayNot);
    expect(devon.ok && devon.lines[0]?.action).toBeUndefined();
    expect(devon.ok && devon.lines[0]?.text).toContain(
      "a SpaceManager of this space or an OrgManager of this org",
    );
  });

  it("says why no profile can, and passes a refused question through", () => {
    const none = reachView(result([{ address: "10.20.0.5", allowed: false, fix: null }]), may);
    expect(none.ok && none.lines[0]?.text).toBe(
      "is not allowed by any security group that applies to running apps. No egress profile opens it: ask your platform team for a security group that does.",
    );
    expect(reachView({ ok: false, message: "Enter a port for tcp." }, may)).toEqual({
      ok: false,
      message: "Enter a port for tcp.",
    });
  });
});
