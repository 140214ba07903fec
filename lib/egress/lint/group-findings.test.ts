import { describe, expect, it } from "vitest";
import { lintGroup } from "./index";
import { context, group, real } from "./test-support/groups";

describe("a group bound nowhere", () => {
  const unbound = real("cf-acceptance-tests/cc-security-group", { boundFor: [] });

  it("is said to a user who sees every binding", () => {
    const finding = lintGroup(unbound, context()).find((f) => f.kind === "bound-nowhere");
    expect(finding).toMatchObject({
      severity: "info",
      sentence: "This group is bound to no space and is not platform-wide, so it applies to no app.",
    });
    expect(finding?.fix).toContain("cf delete-security-group cc-security-group");
  });

  it("is not claimed to a user who sees only some bindings", () => {
    expect(lintGroup(unbound, context([], { seesAllBindings: false }))).toEqual([]);
  });

  it("is not said of a platform-wide or a bound group", () => {
    expect(lintGroup(real("cf-deployment/dns", { boundFor: [] }), context())).toEqual([]);
    expect(lintGroup(real("cf-acceptance-tests/cc-security-group"), context())).toEqual([]);
  });
});

describe("more than 1,000 destinations", () => {
  const hosts = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => `52.${Math.floor((from + i) / 250)}.${(from + i) % 250}.1`);

  it("warns when the group's rules name more than 1,000, counting each entry of a comma list", () => {
    const g = group("many", [
      { protocol: "tcp", destination: hosts(600).join(","), ports: "443" },
      { protocol: "udp", destination: hosts(401, 600).join(","), ports: "53" },
    ]);
    const finding = lintGroup(g, context()).find((f) => f.kind === "too-many-destinations");
    expect(finding).toMatchObject({ severity: "warning" });
    expect(finding?.sentence).toBe(
      "This group names 1,001 destinations, more than 1,000: Windows apps it applies to may fail to start.",
    );
  });

  it("says nothing at exactly 1,000", () => {
    const g = group("enough", [{ protocol: "tcp", destination: hosts(1000).join(","), ports: "443" }]);
    expect(lintGroup(g, context()).map((f) => f.kind)).not.toContain("too-many-destinations");
  });
});
