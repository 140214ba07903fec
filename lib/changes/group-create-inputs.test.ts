import { describe, expect, it } from "vitest";
import { groupCreateInput } from "./group-create-inputs";

const RULES = JSON.stringify([{ protocol: "tcp", destination: "10.10.4.0/24", ports: "6379" }]);
const off = { running: false, staging: false };

const errorsOf = (input: unknown) => {
  const result = groupCreateInput.safeParse(input);
  return result.success ? null : result.error.issues.map((i) => [i.path.join("."), i.message]);
};

describe("groupCreateInput", () => {
  it("takes a name, the rules as cf create-security-group's file holds them, and both flags", () => {
    expect(groupCreateInput.parse({ name: "db-egress", rules: RULES, globallyEnabled: off })).toEqual({
      name: "db-egress",
      rules: [{ protocol: "tcp", destination: "10.10.4.0/24", ports: "6379" }],
      globallyEnabled: off,
    });
    expect(groupCreateInput.parse({ name: "empty", rules: "[]", globallyEnabled: off }).rules).toEqual([]);
  });

  it("keeps the name as typed: CF compares names exactly, so the dashboard does not trim them", () => {
    expect(groupCreateInput.parse({ name: " spaced ", rules: "[]", globallyEnabled: off }).name).toBe(
      " spaced ",
    );
  });

  it("refuses a blank or too long name before CF", () => {
    expect(errorsOf({ name: "", rules: "[]", globallyEnabled: off })).toEqual([
      ["name", "Give the group a name."],
    ]);
    expect(errorsOf({ name: "   ", rules: "[]", globallyEnabled: off })).toEqual([
      ["name", "Give the group a name."],
    ]);
    expect(errorsOf({ name: "x".repeat(251), rules: "[]", globallyEnabled: off })).toEqual([
      ["name", "At most 250 characters, as Cloud Foundry allows."],
    ]);
    expect(errorsOf({ name: "x".repeat(250), rules: "[]", globallyEnabled: off })).toBeNull();
  });

  it("refuses rules of the wrong shape with the rule and field named, as an edit does", () => {
    const bad = JSON.stringify([{ protocol: "tcp", destination: "10.0.0.1", ports: 80 }]);
    expect(errorsOf({ name: "g", rules: bad, globallyEnabled: off })).toEqual([
      ["rules", "Rule 1, ports: Invalid input: expected string, received number."],
    ]);
    expect(errorsOf({ name: "g", rules: "{}", globallyEnabled: off })?.[0]?.[0]).toBe("rules");
    expect(errorsOf({ name: "g", rules: "not json", globallyEnabled: off })?.[0]?.[1]).toMatch(
      /^The rules are not valid JSON: /,
    );
  });

  it("wants both flags as booleans, and nothing else (no guid, no bindings)", () => {
    expect(errorsOf({ name: "g", rules: "[]" })?.[0]?.[0]).toBe("globallyEnabled");
    expect(
      errorsOf({ name: "g", rules: "[]", globallyEnabled: { running: "yes", staging: false } })?.[0]?.[0],
    ).toBe("globallyEnabled.running");
    expect(errorsOf({ name: "g", rules: "[]", globallyEnabled: off, groupGuid: "x" })?.[0]?.[1]).toMatch(
      /Unrecognized key/,
    );
    expect(errorsOf({ name: 7, rules: "[]", globallyEnabled: off })?.[0]?.[0]).toBe("name");
  });
});
