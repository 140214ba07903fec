import { describe, expect, it } from "vitest";
import { citeRule, describeDefault, describeRequirement, describeRule, inSentence } from "./describe";
import type { Policy, Requirement } from "./schema";
import { seededContext as context } from "./test-support/world";

const words = (spaces: string, require: Requirement) => describeRule({ spaces, require }, context);

describe("describeRule", () => {
  it("words every posture", () => {
    expect(words("sandbox*", { posture: "closed" })).toBe("sandbox* must be closed");
    expect(words("staging", { posture: "trusted-local" })).toBe(
      "staging must have trusted local egress only",
    );
    expect(words("web-*", { posture: "public" })).toBe("web-* must have public egress only");
    expect(words("prod*", { posture: "both" })).toBe(
      "prod* must have both public egress and trusted local egress",
    );
  });

  it("words a profile that must or must not apply", () => {
    expect(words("prod*", { profile: "public", present: false })).toBe("prod* must not have public egress");
    expect(words("*", { profile: "trusted-local", present: true })).toBe("* must have trusted local egress");
  });

  it("words a destination that must or must not be reachable, by its catalog label", () => {
    expect(words("*", { destination: "rds", reachable: true })).toBe("* must reach RDS");
    expect(words("dev", { destination: "public-web", reachable: false })).toBe(
      "dev must not reach Public web",
    );
    expect(words("dev", { destination: "s3-brokered", reachable: true })).toBe(
      "dev must reach S3 (brokered)",
    );
  });

  it("falls back to an id the configuration does not know", () => {
    expect(words("*", { profile: "vpn", present: true })).toBe("* must have vpn");
  });
});

describe("labels inside a sentence", () => {
  it("lowercase the first letter of a word, not of an acronym", () => {
    expect(inSentence("Public egress")).toBe("public egress");
    expect(inSentence("VPN egress")).toBe("VPN egress");
    expect(inSentence("RDS")).toBe("RDS");
    expect(inSentence("S3 (brokered)")).toBe("S3 (brokered)");
    expect(inSentence("")).toBe("");
    expect(inSentence("X")).toBe("X");
  });
});

describe("the default and citations", () => {
  const policy: Policy = {
    version: 1,
    rules: [{ spaces: "prod*", require: { profile: "public", present: false }, note: "ATO boundary" }],
    default: { posture: "closed" },
  };

  it("words the default by whether rules come before it", () => {
    expect(describeDefault(policy, context)).toBe("other spaces must be closed");
    expect(describeDefault({ ...policy, rules: [] }, context)).toBe("every space must be closed");
    expect(describeDefault({ ...policy, default: null }, context)).toBeNull();
  });

  it("cites a rule by its 1-based number and words, with its note", () => {
    expect(citeRule(policy, 1, context)).toBe(
      "policy rule 1 'prod* must not have public egress' (ATO boundary)",
    );
    expect(citeRule(policy, "default", context)).toBe("policy default 'other spaces must be closed'");
  });

  it("words a requirement on its own", () => {
    expect(describeRequirement({ destination: "redis", reachable: false }, context)).toBe(
      "must not reach Redis",
    );
  });
});
