import { describe, expect, it } from "vitest";
import { defaultCatalog, DEFAULT_PROFILES } from "@/lib/egress";
import { requirementOptions } from "./org-policy";
import { pathWords, problemsOf } from "./policy-editor";

describe("the policy editor's words", () => {
  it("says a field's path as people count rules", () => {
    expect(pathWords("rules.0.spaces")).toBe("rule 1, spaces");
    expect(pathWords("rules.11")).toBe("rule 12");
    expect(pathWords("default")).toBe("default");
    expect(pathWords("")).toBe("the policy");
  });

  it("turns field errors into sentences, the form's own fields by name", () => {
    expect(
      problemsOf({
        "rules.1.require.profile": ["must be one of the configured profiles: public, trusted-local"],
        policy: ["is too long"],
      }),
    ).toEqual([
      "Rule 2, require.profile must be one of the configured profiles: public, trusted-local",
      "The policy is too long",
    ]);
    expect(problemsOf(undefined)).toEqual([]);
  });

  it("offers every requirement the platform can express, in words, and none it cannot", () => {
    const labels = requirementOptions({ profiles: DEFAULT_PROFILES, catalog: defaultCatalog }).map(
      (o) => o.label,
    );
    expect(labels.slice(0, 8)).toEqual([
      "must be closed",
      "must have trusted local egress only",
      "must have public egress only",
      "must have both public egress and trusted local egress",
      "must not have public egress",
      "must have public egress",
      "must not have trusted local egress",
      "must have trusted local egress",
    ]);
    expect(labels).toContain("must not reach RDS");
    // Internal routes are not decided by security groups: no policy can require them.
    expect(labels.some((l) => l.includes("Internal routes"))).toBe(false);
  });
});
