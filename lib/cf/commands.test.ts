import { describe, expect, it } from "vitest";
import { cfCommand, cfGroupCreateCommands, cfOrgCommand, cfSegmentCommand, takesEffect } from "./commands";

describe("cfCommand", () => {
  it("writes the bind and unbind commands of the cf CLI v8", () => {
    expect(
      cfCommand({
        action: "bind",
        lifecycle: "running",
        group: "public_networks_egress",
        org: "agency-alpha",
        space: "dev",
      }),
    ).toBe("cf bind-security-group public_networks_egress agency-alpha --space dev");
    expect(
      cfCommand({ action: "unbind", lifecycle: "staging", group: "dns", org: "agency-alpha", space: "dev" }),
    ).toBe("cf unbind-security-group dns agency-alpha dev --lifecycle staging");
    expect(cfOrgCommand({ lifecycle: "running", group: "g", org: "o" })).toBe("cf bind-security-group g o");
  });

  it("quotes names a shell would split", () => {
    expect(
      cfCommand({ action: "bind", lifecycle: "running", group: "g", org: "my org", space: "it's" }),
    ).toBe(`cf bind-security-group g 'my org' --space 'it'\\''s'`);
  });
});

describe("takesEffect", () => {
  it("words the delay by whether the platform enforces ASGs dynamically", () => {
    expect(takesEffect(true, "running")).toMatch(/about two minutes, without restarting/);
    expect(takesEffect(false, "running")).toMatch(/restart/);
    expect(takesEffect(false, "staging")).toMatch(/restage/);
  });
});

describe("cfSegmentCommand", () => {
  it("targets the org, then sets or resets the space's segment", () => {
    expect(cfSegmentCommand({ org: "agency-alpha", space: "staging", segment: "alpha-dedicated" })).toBe(
      "cf target -o agency-alpha && cf set-space-isolation-segment staging alpha-dedicated",
    );
    expect(cfSegmentCommand({ org: "my org", space: "staging", segment: null })).toBe(
      "cf target -o 'my org' && cf reset-space-isolation-segment staging",
    );
  });
});

describe("cfGroupCreateCommands", () => {
  it("creates the group from the rules file, then binds each platform-wide flag that is on", () => {
    expect(
      cfGroupCreateCommands({ group: "db", globallyEnabled: { running: false, staging: false } }),
    ).toEqual(["cf create-security-group db rules.json"]);
    expect(
      cfGroupCreateCommands({ group: "my db", globallyEnabled: { running: true, staging: true } }),
    ).toEqual([
      "cf create-security-group 'my db' rules.json",
      "cf bind-running-security-group 'my db'",
      "cf bind-staging-security-group 'my db'",
    ]);
  });
});
