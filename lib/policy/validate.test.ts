import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILES, defaultCatalog } from "@/lib/egress";
import { MAX_RULES, policySchema, type Policy } from "./schema";
import { validatePolicy, type PolicyValidation, type ValidationContext } from "./validate";

const context: ValidationContext = {
  profiles: DEFAULT_PROFILES,
  catalog: defaultCatalog,
  spaceNames: ["dev", "staging", "prod", "sandbox"],
};

const example = {
  version: 1,
  rules: [
    { spaces: "sandbox*", require: { posture: "closed" }, note: "sandboxes stay inside" },
    { spaces: "prod*", require: { profile: "public", present: false } },
    { spaces: "*", require: { destination: "rds", reachable: true } },
  ],
  default: null,
};

function errorsOf(json: unknown, ctx: ValidationContext = context) {
  const result = validatePolicy(json, ctx);
  if (result.ok) throw new Error("expected the document to be refused");
  return result;
}

function fieldErrors(json: unknown, ctx?: ValidationContext): Record<string, string[]> {
  return errorsOf(json, ctx).fieldErrors;
}

const withRule = (rule: unknown) => ({ version: 1, rules: [rule] });
const ok = (result: PolicyValidation) => {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result;
};

describe("a good policy document", () => {
  it("parses to itself, with no warnings", () => {
    const result = ok(validatePolicy(example, context));
    expect(result.policy).toEqual(example);
    expect(result.warnings).toEqual([]);
  });

  it("may leave out the default (null: spaces no rule matches are not judged)", () => {
    expect(ok(validatePolicy({ version: 1, rules: [] }, context)).policy).toEqual({
      version: 1,
      rules: [],
      default: null,
    });
  });

  it("takes every kind of requirement as a default", () => {
    for (const requirement of [
      { posture: "both" },
      { profile: "trusted-local", present: true },
      { destination: "public-web", reachable: false },
    ]) {
      const policy: Policy = ok(
        validatePolicy({ version: 1, rules: [], default: requirement }, context),
      ).policy;
      expect(policy.default).toEqual(requirement);
    }
  });

  it("is the same schema a route handler can use directly", () => {
    expect(policySchema(context).safeParse(example).success).toBe(true);
  });
});

describe("a bad policy document", () => {
  it("is refused as a whole when it is not an object", () => {
    for (const json of [null, [], "policy", 1]) {
      expect(errorsOf(json)).toEqual({
        ok: false,
        formErrors: ['must be a JSON object with "version" and "rules"'],
        fieldErrors: {},
      });
    }
  });

  it("names the version it reads and refuses unknown top-level keys", () => {
    expect(fieldErrors({ rules: [] })).toEqual({ version: ["is required"] });
    expect(fieldErrors({ version: 2, rules: [] })).toEqual({
      version: ["must be 1: this dashboard reads version 1 policies"],
    });
    expect(fieldErrors({ version: 1, rules: [], rule: [] })).toEqual({ rule: ["is not a recognised field"] });
    expect(fieldErrors({ version: 1 })).toEqual({ rules: ["is required"] });
    expect(fieldErrors({ version: 1, rules: {} })).toEqual({ rules: ["must be a list"] });
  });

  it("names keys that an object has already (toString, __proto__) as unknown fields, without throwing", () => {
    const document = JSON.parse(
      '{"version": 1, "rules": [], "default": null, "toString": null, "__proto__": {"x": 1}, "constructor": 1}',
    ) as unknown;
    const errors = fieldErrors(document);
    expect(Object.keys(errors).sort()).toEqual(["__proto__", "constructor", "toString"]);
    expect(Object.getPrototypeOf(errors)).toBe(Object.prototype);
    for (const key of ["__proto__", "constructor", "toString"])
      expect(Object.getOwnPropertyDescriptor(errors, key)?.value).toEqual(["is not a recognised field"]);
  });

  it("bounds the number of rules and the length of notes", () => {
    const rules = Array.from({ length: MAX_RULES + 1 }, () => ({
      spaces: "*",
      require: { posture: "closed" },
    }));
    expect(fieldErrors({ version: 1, rules })).toEqual({ rules: [`must have at most ${MAX_RULES} rules`] });
    expect(
      fieldErrors(withRule({ spaces: "*", require: { posture: "closed" }, note: "x".repeat(501) })),
    ).toEqual({ "rules.0.note": ["is too long"] });
    expect(fieldErrors(withRule({ spaces: "*", require: { posture: "closed" }, note: 3 }))).toEqual({
      "rules.0.note": ["must be a string"],
    });
  });

  it("puts each rule error beside its field", () => {
    expect(fieldErrors({ version: 1, rules: ["*"] })).toEqual({ "rules.0": ["must be an object"] });
    expect(fieldErrors(withRule({ require: { posture: "closed" } }))).toEqual({
      "rules.0.spaces": ["is required"],
    });
    expect(fieldErrors(withRule({ spaces: "*", require: { posture: "closed" }, when: "now" }))).toEqual({
      "rules.0.when": ["is not a recognised field"],
    });
    expect(fieldErrors(withRule({ spaces: "[prod", require: { posture: "closed" } }))).toEqual({
      "rules.0.spaces": ["is not a valid glob: unclosed [; write \\[ to match a literal ["],
    });
    expect(fieldErrors(withRule({ spaces: "", require: { posture: "closed" } }))).toEqual({
      "rules.0.spaces": ["must not be empty"],
    });
  });

  it("says what a requirement is missing or has too much of", () => {
    expect(fieldErrors(withRule({ spaces: "*" }))).toEqual({ "rules.0.require": ["is required"] });
    expect(fieldErrors(withRule({ spaces: "*", require: {} }))).toEqual({
      "rules.0.require": ["must be an object naming a posture, a profile or a destination"],
    });
    expect(fieldErrors(withRule({ spaces: "*", require: { posture: "closed", profile: "public" } }))).toEqual(
      {
        "rules.0.require": ["must name only one of posture, profile"],
      },
    );
    expect(fieldErrors(withRule({ spaces: "*", require: { posture: "open" } }))).toEqual({
      "rules.0.require.posture": ["must be one of closed, trusted-local, public, both"],
    });
    expect(fieldErrors(withRule({ spaces: "*", require: { posture: "closed", why: 1 } }))).toEqual({
      "rules.0.require.why": ["is not a recognised field"],
    });
    expect(fieldErrors(withRule({ spaces: "*", require: { profile: "public" } }))).toEqual({
      "rules.0.require.present": ["is required"],
    });
    expect(fieldErrors(withRule({ spaces: "*", require: { profile: "public", present: "no" } }))).toEqual({
      "rules.0.require.present": ["must be true or false"],
    });
    expect(fieldErrors(withRule({ spaces: "*", require: { destination: "rds", reachable: 1 } }))).toEqual({
      "rules.0.require.reachable": ["must be true or false"],
    });
  });

  it("checks profile and destination ids against the configuration", () => {
    expect(fieldErrors(withRule({ spaces: "*", require: { profile: "vpn", present: true } }))).toEqual({
      "rules.0.require.profile": ["must be one of the configured profiles: public, trusted-local"],
    });
    expect(
      fieldErrors(withRule({ spaces: "*", require: { destination: "mongo", reachable: true } })),
    ).toEqual({
      "rules.0.require.destination": [
        "must be a destination of the catalog: public-web, s3-user-provided, s3-brokered, rds, redis, elasticsearch, internal-routes",
      ],
    });
    expect(
      fieldErrors(withRule({ spaces: "*", require: { destination: "internal-routes", reachable: false } })),
    ).toEqual({
      "rules.0.require.destination": [
        "Internal routes is not decided by security groups, so a policy cannot require it",
      ],
    });
    const vpnOnly: ValidationContext = {
      catalog: defaultCatalog,
      profiles: [{ id: "vpn", group: "vpn_egress", label: "VPN egress" }],
    };
    expect(fieldErrors(withRule({ spaces: "*", require: { posture: "both" } }), vpnOnly)).toEqual({
      "rules.0.require.posture": [
        'needs the profile "public" and "trusted-local", which this platform does not configure',
      ],
    });
    expect(
      ok(validatePolicy(withRule({ spaces: "*", require: { posture: "closed" } }), vpnOnly)).policy.rules,
    ).toHaveLength(1);
  });

  it("reports every error at once, on the default too", () => {
    expect(
      fieldErrors({
        version: 1,
        rules: [
          { spaces: "ok", require: { posture: "closed" } },
          { spaces: "a]", require: { profile: "nope", present: true } },
        ],
        default: { posture: "custom" },
      }),
    ).toEqual({
      "rules.1.spaces": ["is not a valid glob: unmatched ]; write \\] to match a literal ]"],
      "rules.1.require.profile": ["must be one of the configured profiles: public, trusted-local"],
      "default.posture": ["must be one of closed, trusted-local, public, both"],
    });
  });
});

describe("warnings", () => {
  const warnings = (rules: { spaces: string }[], extra: object = {}, ctx = context) =>
    ok(
      validatePolicy(
        { version: 1, rules: rules.map((r) => ({ ...r, require: { posture: "closed" } })), ...extra },
        ctx,
      ),
    ).warnings;

  it("flag a glob that matches no current space, without refusing it", () => {
    expect(warnings([{ spaces: "qa-*" }, { spaces: "prod" }])).toEqual([
      { path: "rules.0.spaces", message: "matches none of the org's current spaces" },
    ]);
  });

  it("skip that check when the org's spaces are not given", () => {
    expect(
      warnings([{ spaces: "qa-*" }], {}, { profiles: DEFAULT_PROFILES, catalog: defaultCatalog }),
    ).toEqual([]);
  });

  it("flag a rule shadowed by an earlier rule with the same glob, up to case", () => {
    expect(warnings([{ spaces: "prod*" }, { spaces: "dev" }, { spaces: "PROD*" }])).toEqual([
      { path: "rules.2.spaces", message: "never decides: rule 1 (prod*) matches every space this rule does" },
    ]);
  });

  it("flag every rule after a catch-all, and the default", () => {
    expect(
      warnings([{ spaces: "dev" }, { spaces: "*" }, { spaces: "prod" }], { default: { posture: "closed" } }),
    ).toEqual([
      { path: "rules.2.spaces", message: "never decides: rule 2 (*) matches every space this rule does" },
      { path: "default", message: "never applies: rule 2 (*) matches every space" },
    ]);
  });
});
