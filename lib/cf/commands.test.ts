import { describe, expect, it } from "vitest";
import { cfCommand, cfOrgCommand, cfSegmentCommand, takesEffect } from "./commands";

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
