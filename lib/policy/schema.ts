import { z } from "zod";
import type { Catalog, Profile } from "@/lib/egress";
import { compileGlob } from "./glob";

/**
 * An org's egress policy as a document (docs/design.md §10). It is stored as is and
 * is the JSON body of `GET`/`PUT /api/orgs/:orgGuid/policy`, so its shape is a
 * stable, versioned interface:
 *
 *   {
 *     "version": 1,
 *     "rules": [
 *       { "spaces": "sandbox*", "require": { "posture": "closed" }, "note": "sandboxes stay inside" },
 *       { "spaces": "prod*", "require": { "profile": "public", "present": false } },
 *       { "spaces": "*", "require": { "destination": "rds", "reachable": true } }
 *     ],
 *     "default": null
 *   }
 *
 * The first rule whose `spaces` glob matches a space's name decides; `default`
 * decides for the others (null: they are not judged). Objects are strict: a
 * misspelt key would otherwise be a rule that silently checks nothing.
 */

export const POLICY_VERSION = 1;
export const MAX_RULES = 100;
export const MAX_NOTE_LENGTH = 500;
const MAX_ID_LENGTH = 100;

/** The postures a policy may require; "custom" is what a policy corrects, never a goal. */
export const REQUIRABLE_POSTURES = ["closed", "trusted-local", "public", "both"] as const;
export type RequiredPosture = (typeof REQUIRABLE_POSTURES)[number];

/**
 * The profile ids each posture is made of (lib/egress/posture.ts names
 * postures after the default profile ids), so a platform whose profiles use
 * other ids can only require "closed".
 */
export const POSTURE_PROFILES: Record<RequiredPosture, readonly string[]> = {
  closed: [],
  "trusted-local": ["trusted-local"],
  public: ["public"],
  both: ["public", "trusted-local"],
};

/** What the policy validates ids against: configuration, not part of the document. */
export type PolicyContext = { profiles: readonly Profile[]; catalog: Catalog };

const required = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? "is required" : `must be ${what}`),
});

/** Custom wording for a wrong type only; unknown keys keep their own issue. */
const objectError = (message: string) => ({
  error: (issue: { code?: string }) => (issue.code === "invalid_type" ? message : undefined),
});

const id = z.string(required("a string")).min(1, "must not be empty").max(MAX_ID_LENGTH, "is too long");

function requirementSchemas(context: PolicyContext) {
  const profileIds = context.profiles.map((p) => p.id);
  const destinations = context.catalog.destinations;
  const posture = z.strictObject(
    {
      posture: z
        .enum(REQUIRABLE_POSTURES, required(`one of ${REQUIRABLE_POSTURES.join(", ")}`))
        .check((ctx) => {
          const missing = POSTURE_PROFILES[ctx.value].filter((p) => !profileIds.includes(p));
          if (missing.length > 0) {
            ctx.issues.push({
              code: "custom",
              input: ctx.value,
              message: `needs the profile "${missing.join('" and "')}", which this platform does not configure`,
            });
          }
        }),
    },
    objectError("must be an object"),
  );
  const profile = z.strictObject(
    {
      profile: id.refine((value) => profileIds.includes(value), {
        message: `must be one of the configured profiles: ${profileIds.join(", ")}`,
      }),
      present: z.boolean(required("true or false")),
    },
    objectError("must be an object"),
  );
  const destination = z.strictObject(
    {
      destination: id.check((ctx) => {
        const found = destinations.find((d) => d.id === ctx.value);
        const message =
          found === undefined
            ? `must be a destination of the catalog: ${destinations.map((d) => d.id).join(", ")}`
            : found.asg_governed
              ? undefined
              : `${found.label} is not decided by security groups, so a policy cannot require it`;
        if (message !== undefined) ctx.issues.push({ code: "custom", input: ctx.value, message });
      }),
      reachable: z.boolean(required("true or false")),
    },
    objectError("must be an object"),
  );
  return { posture, profile, destination };
}

const KINDS = ["posture", "profile", "destination"] as const;

export const UNKNOWN_FIELD = "is not a recognised field";

/**
 * A requirement is told apart by which of its three keys it carries. A plain
 * union would answer a typo with "invalid input" for all three shapes; this
 * picks the shape the author meant and reports that shape's own field errors.
 */
function requirementSchema(context: PolicyContext) {
  const schemas = requirementSchemas(context);
  return z.unknown().transform((value, ctx) => {
    const present =
      typeof value === "object" && value !== null && !Array.isArray(value)
        ? KINDS.filter((k) => k in value)
        : [];
    const kind = present[0];
    if (kind === undefined || present.length > 1) {
      ctx.addIssue({
        code: "custom",
        message:
          value === undefined
            ? "is required"
            : present.length > 1
              ? `must name only one of ${present.join(", ")}`
              : "must be an object naming a posture, a profile or a destination",
      });
      return z.NEVER;
    }
    const result = schemas[kind].safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      // Re-raised from inside a transform, every issue becomes custom; an
      // unknown key is placed on the key itself, as validate.ts does elsewhere.
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          ctx.addIssue({ code: "custom", path: [...issue.path, key], message: UNKNOWN_FIELD });
        }
      } else {
        ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      }
    }
    return z.NEVER;
  });
}

/** The policy schema, checking ids against the configured profiles and catalog. */
export function policySchema(context: PolicyContext) {
  const requirement = requirementSchema(context);
  const rule = z.strictObject(
    {
      spaces: z.string(required("a string")).check((ctx) => {
        const result = compileGlob(ctx.value);
        if (!result.ok) ctx.issues.push({ code: "custom", input: ctx.value, message: result.message });
      }),
      require: requirement,
      note: z.string("must be a string").max(MAX_NOTE_LENGTH, "is too long").optional(),
    },
    objectError("must be an object"),
  );
  return z.strictObject(
    {
      version: z.literal(POLICY_VERSION, {
        error: (issue) =>
          issue.input === undefined
            ? "is required"
            : `must be ${POLICY_VERSION}: this dashboard reads version ${POLICY_VERSION} policies`,
      }),
      rules: z.array(rule, required("a list")).max(MAX_RULES, `must have at most ${MAX_RULES} rules`),
      default: requirement.nullable().default(null),
    },
    objectError('must be a JSON object with "version" and "rules"'),
  );
}

export type Requirement =
  | { posture: RequiredPosture }
  | { profile: string; present: boolean }
  | { destination: string; reachable: boolean };

export type PolicyRule = { spaces: string; require: Requirement; note?: string };

export type Policy = { version: typeof POLICY_VERSION; rules: PolicyRule[]; default: Requirement | null };

/** The policy every org has until someone writes one: no rules, nothing judged. */
export const EMPTY_POLICY: Policy = { version: POLICY_VERSION, rules: [], default: null };
