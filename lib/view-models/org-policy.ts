import type { StoredPolicy, UserRef } from "@/lib/db/types";
import {
  describeDefault,
  describeRequirement,
  POSTURE_PROFILES,
  REQUIRABLE_POSTURES,
  type Requirement,
  describeRule,
  EMPTY_POLICY,
  validatePolicy,
  type Compliance,
  type Policy,
  type PolicyContext,
  type PolicyWarning,
} from "@/lib/policy";

/**
 * An org's egress policy as the pages, the exports and the API show it
 * (docs/design.md §10). Pure: the loader reads the stored document, this judges
 * whether it still fits the configuration and puts it in words.
 */

/** What the org's compliance is judged against, and where it came from. */
export type OrgPolicyState = {
  /** The policy in force; the empty policy (nothing judged) when none is stored, or it cannot be used. */
  policy: Policy;
  /** The stored document's version: 0 when none was ever written. */
  revision: number;
  updatedAt: number | null;
  updatedBy: UserRef | null;
  /** The document as stored (for the editor), even when it no longer validates. */
  document: unknown;
  /**
   * Why the stored policy is not in force: the database could not be read,
   * or the document no longer fits the configured profiles and catalog (an
   * operator removed a destination it names). Null when all is well.
   */
  problem: string | null;
};

export const NO_POLICY: OrgPolicyState = {
  policy: EMPTY_POLICY,
  revision: 0,
  updatedAt: null,
  updatedBy: null,
  document: EMPTY_POLICY,
  problem: null,
};

/** The stored document (null: none; "unavailable": the database could not be read), checked against the configuration. */
export function policyStateOf(
  stored: StoredPolicy | null | "unavailable",
  context: PolicyContext,
  unavailableMessage: string,
): OrgPolicyState {
  if (stored === "unavailable") return { ...NO_POLICY, problem: unavailableMessage };
  if (stored === null) return NO_POLICY;
  const base = {
    revision: stored.version,
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
    document: stored.document,
  };
  const checked = validatePolicy(stored.document, context);
  if (checked.ok) return { ...base, policy: checked.policy, problem: null };
  const details = [
    ...checked.formErrors,
    ...Object.entries(checked.fieldErrors).map(([path, messages]) => `${path} ${messages.join("; ")}`),
  ];
  return {
    ...base,
    policy: EMPTY_POLICY,
    problem: `The stored policy no longer fits this dashboard's profiles and destinations, so no space is judged until it is corrected: ${details.join(". ")}.`,
  };
}

/** Whether the policy judges any space at all (some rule, or a default). */
export function policyIsActive(policy: Policy): boolean {
  return policy.rules.length > 0 || policy.default !== null;
}

/** The policy in words: one sentence per rule, then the default, as the policy page lists them. */
export function policyInWords(
  policy: Policy,
  context: PolicyContext,
): { rules: { description: string; note: string | null }[]; default: string | null } {
  return {
    rules: policy.rules.map((rule) => ({
      description: describeRule(rule, context),
      note: rule.note ?? null,
    })),
    default: describeDefault(policy, context),
  };
}

/** A space's compliance as the §5 export carries it (docs/design.md §10): `{compliant, rule, reasons}`. */
export type PolicyJson = { compliant: boolean; rule: number | "default" | null; reasons: string[] };

export function policyJsonOf(compliance: Compliance): PolicyJson {
  return { compliant: compliance.compliant, rule: compliance.rule, reasons: compliance.reasons };
}

/** The CSV's `policy` column: "compliant", or the reasons joined with "; ". */
export function policyCsvOf(compliance: PolicyJson): string {
  return compliance.compliant ? "compliant" : compliance.reasons.join("; ");
}

/**
 * `GET`/`PUT /api/orgs/:orgGuid/policy`: the document, its revision (also
 * the ETag), who wrote it when, and whether the caller may change it.
 */
export type PolicyEnvelope = {
  org: { guid: string; name: string };
  policy: unknown;
  revision: number;
  updated_at: string | null;
  updated_by: UserRef | null;
  can_edit: boolean;
  /** Why the stored policy is not in force, or null. */
  problem: string | null;
  /** After a PUT: what is valid but probably not meant (a glob that matches no space). */
  warnings?: PolicyWarning[];
};

export function policyEnvelope(
  org: { guid: string; name: string },
  state: OrgPolicyState,
  canEdit: boolean,
  warnings?: PolicyWarning[],
): PolicyEnvelope {
  return {
    org: { guid: org.guid, name: org.name },
    policy: state.document,
    revision: state.revision,
    updated_at: state.updatedAt === null ? null : new Date(state.updatedAt).toISOString(),
    updated_by: state.updatedBy,
    can_edit: canEdit,
    problem: state.problem,
    ...(warnings === undefined ? {} : { warnings }),
  };
}

/** The ETag of a revision: a strong validator, since the revision names exactly one document. */
export function etagOf(revision: number): string {
  return `"${revision}"`;
}

/**
 * The revision an `If-Match` header names: a number, `*` (any: write whatever
 * is stored), absent (the same), or malformed. Only one tag: a policy has one
 * current revision.
 */
export function parseIfMatch(header: string | null): number | null | "malformed" {
  if (header === null || header.trim() === "*") return null;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return match?.[1] === undefined ? "malformed" : Number(match[1]);
}

/** The history entry's sentence for a policy write; the revision when the writer knows it. */
export function policyChangeMessage(after: Policy, revision: number | null, via: "page" | "api"): string {
  const rules = `${after.rules.length} ${after.rules.length === 1 ? "rule" : "rules"}`;
  const fallback = after.default === null ? "no default" : "a default";
  const where = via === "api" ? " through the API" : "";
  const which = revision === null ? "" : `revision ${revision}: `;
  return `Changed the org's egress policy${where} (${which}${rules}, ${fallback}).`;
}

/** The document as the editor shows it: two-space JSON. */
export function policyText(document: unknown): string {
  return JSON.stringify(document, null, 2);
}

/** Every requirement this platform's profiles and catalog can express, in words, for the rule builder. */
export function requirementOptions(context: PolicyContext): { label: string; requirement: Requirement }[] {
  const ids = context.profiles.map((p) => p.id);
  const requirements: Requirement[] = [
    ...REQUIRABLE_POSTURES.filter((p) => POSTURE_PROFILES[p].every((id) => ids.includes(id))).map(
      (posture) => ({ posture }),
    ),
    ...context.profiles.flatMap((p) => [
      { profile: p.id, present: false },
      { profile: p.id, present: true },
    ]),
    ...context.catalog.destinations
      .filter((d) => d.asg_governed)
      .flatMap((d) => [
        { destination: d.id, reachable: false },
        { destination: d.id, reachable: true },
      ]),
  ];
  return requirements.map((requirement) => ({
    label: describeRequirement(requirement, context),
    requirement,
  }));
}
