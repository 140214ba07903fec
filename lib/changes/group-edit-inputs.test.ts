import { describe, expect, it } from "vitest";
import { groupEditInput, rulesTextSchema } from "./group-edit-inputs";

const GUID = "c0a8e0a4-3b0e-4b6a-9a55-5e3e4c6a1f01";

const messages = (text: string) => {
  const result = rulesTextSchema.safeParse(text);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("rulesTextSchema", () => {
  it("reads the rules as cf update-security-group's file holds them, keeping only the fields given", () => {
    const text = JSON.stringify([
      { protocol: "tcp", destination: "10.10.4.0/24", ports: "6379", description: "Redis" },
      { protocol: "icmp", destination: "0.0.0.0/0", type: 0, code: 0, log: true },
    ]);
    expect(rulesTextSchema.parse(text)).toEqual([
      { protocol: "tcp", destination: "10.10.4.0/24", ports: "6379", description: "Redis" },
      { protocol: "icmp", destination: "0.0.0.0/0", type: 0, code: 0, log: true },
    ]);
    expect(rulesTextSchema.parse("[]")).toEqual([]);
  });

  it("leaves what only CF can judge to CF: a well-shaped rule with a bad destination passes", () => {
    expect(
      messages(JSON.stringify([{ protocol: "tcp", destination: "10.10.4.0/33", ports: "6379" }])),
    ).toEqual([]);
  });

  it("names the rule (from 1) and the field when the shape is wrong", () => {
    expect(messages(JSON.stringify([{ protocol: "tcp", destination: "10.0.0.1", ports: 80 }]))).toEqual([
      "Rule 1, ports: Invalid input: expected string, received number.",
    ]);
    expect(
      messages(JSON.stringify([{ protocol: "tcp", destination: "10.0.0.1" }, { protocol: "udp" }])),
    ).toEqual(["Rule 2, destination: Invalid input: expected string, received undefined."]);
    expect(messages(JSON.stringify([{ protocol: "tcp", destination: "10.0.0.1", port: "80" }]))[0]).toMatch(
      /^Rule 1: Unrecognized key: "port"/,
    );
  });

  it("refuses text that is not a JSON array of objects, saying so", () => {
    expect(messages("[{")[0]).toMatch(/^The rules are not valid JSON: /);
    expect(messages('{"protocol":"tcp"}')[0]).toMatch(/^The rules must be a JSON array of rule objects/);
    expect(messages("[1]")).toEqual(["Rule 1: Invalid input: expected object, received number."]);
    expect(messages("x".repeat(500_001))).toEqual(["The rules are too long."]);
  });
});

describe("groupEditInput", () => {
  it("takes rules, flags or both, for a guid", () => {
    expect(groupEditInput.parse({ groupGuid: GUID, globallyEnabled: { running: true } })).toEqual({
      groupGuid: GUID,
      globallyEnabled: { running: true },
    });
    expect(groupEditInput.parse({ groupGuid: GUID, rules: "[]" }).rules).toEqual([]);
  });

  it("refuses a forged argument: no guid, an unknown field, a flag that is not a boolean", () => {
    expect(groupEditInput.safeParse({ groupGuid: "x", rules: "[]" }).success).toBe(false);
    expect(groupEditInput.safeParse({ groupGuid: GUID, name: "renamed" }).success).toBe(false);
    expect(groupEditInput.safeParse({ groupGuid: GUID, globallyEnabled: { running: "yes" } }).success).toBe(
      false,
    );
    expect(groupEditInput.safeParse({ groupGuid: GUID, globallyEnabled: { lifecycle: true } }).success).toBe(
      false,
    );
  });
});

describe("the JSON parser's message", () => {
  it("says the line and column of the first unreadable character, as browsers do, for the text box", () => {
    expect(messages('[\n  {"protocol": "tcp",,}\n]')[0]).toMatch(
      /^The rules are not valid JSON: .* at position 23 \(line 2 column 22\)\.$/,
    );
  });
});
