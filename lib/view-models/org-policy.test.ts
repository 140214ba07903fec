import { describe, expect, it } from "vitest";
import { defaultCatalog, DEFAULT_PROFILES } from "@/lib/egress";
import {
  NO_POLICY,
  etagOf,
  parseIfMatch,
  policyChangeMessage,
  policyCsvOf,
  policyEnvelope,
  policyInWords,
  policyStateOf,
} from "./org-policy";

const context = { catalog: defaultCatalog, profiles: DEFAULT_PROFILES };

describe("the policy's words and wire format", () => {
  it("reads If-Match as one revision, any (* or absent), or malformed", () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch("3")).toBe(3);
    expect(parseIfMatch('W/"12"')).toBe(12);
    expect(parseIfMatch(etagOf(0))).toBe(0);
    expect(parseIfMatch("*")).toBeNull();
    expect(parseIfMatch(null)).toBeNull();
    for (const bad of ['"3", "4"', "yesterday", '"-1"', '""', '"1e3"'])
      expect(parseIfMatch(bad)).toBe("malformed");
  });

  it("puts the policy in words, rule by rule, then the default", () => {
    const state = policyStateOf(
      {
        orgGuid: "o",
        document: {
          version: 1,
          rules: [
            { spaces: "sandbox*", require: { posture: "closed" }, note: "sandboxes stay inside" },
            { spaces: "prod", require: { profile: "public", present: false } },
          ],
          default: { destination: "s3-brokered", reachable: true },
        },
        version: 4,
        updatedAt: 1_700_000_000_000,
        updatedBy: { guid: "u", name: "olivia" },
      },
      context,
      "down",
    );
    expect(policyInWords(state.policy, context)).toEqual({
      rules: [
        { description: "sandbox* must be closed", note: "sandboxes stay inside" },
        { description: "prod must not have public egress", note: null },
      ],
      default: "other spaces must reach S3 (brokered)",
    });
    expect(policyEnvelope({ guid: "o", name: "agency-alpha" }, state, false)).toMatchObject({
      revision: 4,
      updated_at: "2023-11-14T22:13:20.000Z",
      updated_by: { guid: "u", name: "olivia" },
      can_edit: false,
      problem: null,
    });
  });

  it("says when the database could not be read, and judges nothing then", () => {
    expect(policyStateOf("unavailable", context, "down")).toEqual({ ...NO_POLICY, problem: "down" });
  });

  it("writes the CSV column and the history sentence", () => {
    expect(policyCsvOf({ compliant: true, rule: null, reasons: [] })).toBe("compliant");
    expect(policyCsvOf({ compliant: false, rule: 1, reasons: ["a; rule 1", "b; rule 1"] })).toBe(
      "a; rule 1; b; rule 1",
    );
    const policy = { version: 1 as const, rules: [], default: { posture: "closed" as const } };
    expect(policyChangeMessage(policy, 2, "page")).toBe(
      "Changed the org's egress policy (revision 2: 0 rules, a default).",
    );
    expect(policyChangeMessage(policy, null, "api")).toBe(
      "Changed the org's egress policy through the API (0 rules, a default).",
    );
  });
});
