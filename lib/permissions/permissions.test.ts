import { describe, expect, it } from "vitest";
import type { UserRoles } from "@/lib/cf/role-index";
import type { RoleType } from "@/lib/cf/schemas";
import { MESSAGES, ORG_REFUSALS } from "@/lib/failures";
import {
  decide,
  decideForSpaces,
  decideGroupEdit,
  judge,
  OPERATIONS,
  roleAllows,
  seesFoundation,
  type Actor,
  type Operation,
} from "./index";
import { refusalFailure } from "./failure";

/**
 * The permission table: who may do what, per role the user holds, per state
 * of the org, per operation. Written out as a table on purpose, so a change
 * to the rules shows up here as a changed cell, not as a recomputation.
 */

const ORG = { guid: "org-1", name: "agency-alpha", suspended: false };
const SUSPENDED = { ...ORG, suspended: true };
const SPACE = "space-a";

const actor = (
  isAdmin: boolean,
  orgs: Record<string, RoleType[]> = {},
  spaces: Record<string, RoleType[]> = {},
  readsGlobally = isAdmin,
): Actor => {
  const roles: UserRoles = {
    orgs: new Map(Object.entries(orgs).map(([k, v]) => [k, new Set(v)])),
    spaces: new Map(Object.entries(spaces).map(([k, v]) => [k, new Set(v)])),
  };
  return { isAdmin, readsGlobally, roles };
};
const member = (spaceRole: RoleType, space = SPACE) =>
  actor(false, { "org-1": ["organization_user"] }, { [space]: [spaceRole] });

/** What each user is, in CF's terms. Global auditors and read-only admins hold no role that writes. */
const USERS: Record<string, Actor> = {
  "platform admin": actor(true),
  "global auditor / read-only admin": actor(false, {}, {}, true),
  "OrgManager of the org": actor(false, { "org-1": ["organization_user", "organization_manager"] }),
  "OrgManager of another org": actor(false, { "org-2": ["organization_manager"] }),
  OrgAuditor: actor(false, { "org-1": ["organization_user", "organization_auditor"] }),
  OrgBillingManager: actor(false, { "org-1": ["organization_user", "organization_billing_manager"] }),
  "org user only": actor(false, { "org-1": ["organization_user"] }),
  "SpaceManager of the space": member("space_manager"),
  "SpaceManager of another space": member("space_manager", "space-b"),
  SpaceDeveloper: member("space_developer"),
  SpaceAuditor: member("space_auditor"),
  SpaceSupporter: member("space_supporter"),
};

type Cell =
  | "yes"
  | "space-role"
  | "org-role-segment"
  | "org-role-policy"
  | "org-role-private-egress"
  | "org-role-network-details"
  | "org-role-alerts"
  | "org-suspended"
  | "platform-admin";
/**
 * Columns: change-space-egress, move-space-segment, edit-org-policy, request-private-egress, read-network-details,
 * manage-org-alerts.
 */
type Row = [Cell, Cell, Cell, Cell, Cell, Cell];

const ACTIVE: Record<string, Row> = {
  "platform admin": ["yes", "yes", "yes", "yes", "yes", "yes"],
  "global auditor / read-only admin": [
    "space-role",
    "org-role-segment",
    "org-role-policy",
    "org-role-private-egress",
    "yes",
    "org-role-alerts",
  ],
  "OrgManager of the org": ["yes", "yes", "yes", "yes", "yes", "yes"],
  "OrgManager of another org": [
    "space-role",
    "org-role-segment",
    "org-role-policy",
    "org-role-private-egress",
    "org-role-network-details",
    "org-role-alerts",
  ],
  OrgAuditor: [
    "space-role",
    "org-role-segment",
    "org-role-policy",
    "org-role-private-egress",
    "yes",
    "org-role-alerts",
  ],
  OrgBillingManager: [
    "space-role",
    "org-role-segment",
    "org-role-policy",
    "org-role-private-egress",
    "org-role-network-details",
    "org-role-alerts",
  ],
  "org user only": [
    "space-role",
    "org-role-segment",
    "org-role-policy",
    "org-role-private-egress",
    "org-role-network-details",
    "org-role-alerts",
  ],
  "SpaceManager of the space": [
    "yes",
    "org-role-segment",
    "org-role-policy",
    "org-role-private-egress",
    "org-role-network-details",
    "org-role-alerts",
  ],
  "SpaceManager of another space": [
    "space-role",
    "org-role-segment",
    "org-role-policy",
    "org-role-private-egress",
    "org-role-network-details",
    "org-role-alerts",
  ],
  SpaceDeveloper: [
    "space-role",
    "org-role-segment",
    "org-role-policy",
    "org-role-private-egress",
    "org-role-network-details",
    "org-role-alerts",
  ],
  SpaceAuditor: [
    "space-role",
    "org-role-segment",
    "org-role-policy",
    "org-role-private-egress",
    "org-role-network-details",
    "org-role-alerts",
  ],
  SpaceSupporter: [
    "space-role",
    "org-role-segment",
    "org-role-policy",
    "org-role-private-egress",
    "org-role-network-details",
    "org-role-alerts",
  ],
};

/** A suspended org: CF refuses its spaces' changes to all but admins; the dashboard's own records stay open. */
const IN_SUSPENDED_ORG: Record<string, Row> = {
  ...ACTIVE,
  "OrgManager of the org": ["org-suspended", "org-suspended", "yes", "yes", "yes", "yes"],
  "SpaceManager of the space": [
    "org-suspended",
    "org-role-segment",
    "org-role-policy",
    "org-role-private-egress",
    "org-role-network-details",
    "org-role-alerts",
  ],
};

const cellOf = (op: Operation, who: Actor, org: typeof ORG): Cell => {
  const decision = decide(op, who, org, SPACE);
  return decision.allowed ? "yes" : decision.refusal.reason;
};

describe("the permission table", () => {
  for (const [state, org, table] of [
    ["active", ORG, ACTIVE],
    ["suspended", SUSPENDED, IN_SUSPENDED_ORG],
  ] as const) {
    describe(`in an ${state} org`, () => {
      for (const [name, who] of Object.entries(USERS)) {
        it(name, () => {
          expect(OPERATIONS.map((op) => cellOf(op, who, org))).toEqual(table[name]);
        });
      }
    });
  }
});

describe("the reasons", () => {
  it("are the failure table's words, naming the org where the sentence needs it", () => {
    const refusal = (op: Operation, who: Actor, org = ORG) => {
      const decision = decide(op, who, org, SPACE);
      return decision.allowed ? null : decision.refusal;
    };
    const none = actor(false);
    expect(refusal("change-space-egress", none)).toEqual({
      reason: "space-role",
      kind: "forbidden",
      short: "No permission",
      message: MESSAGES.notAuthorized,
    });
    expect(refusal("move-space-segment", none)?.message).toBe(ORG_REFUSALS.segmentMove("agency-alpha"));
    expect(refusal("edit-org-policy", none)?.message).toBe(MESSAGES.notAuthorizedPolicy);
    expect(refusal("request-private-egress", none)?.message).toBe(ORG_REFUSALS.privateEgress("agency-alpha"));
    expect(refusal("read-network-details", none)?.message).toBe(ORG_REFUSALS.networkDetails("agency-alpha"));
    expect(refusal("manage-org-alerts", none)?.message).toBe(ORG_REFUSALS.alerts("agency-alpha"));
    expect(refusal("change-space-egress", USERS["SpaceManager of the space"]!, SUSPENDED)).toEqual({
      reason: "org-suspended",
      kind: "suspended",
      short: "Org suspended",
      message: MESSAGES.orgSuspended,
    });
  });

  it("become the one failure value for actions and route handlers", () => {
    expect(refusalFailure(decide("change-space-egress", actor(false), ORG, SPACE))).toEqual({
      kind: "forbidden",
      message: MESSAGES.notAuthorized,
    });
    expect(refusalFailure(decide("change-space-egress", actor(true), SUSPENDED, SPACE))).toBeNull();
  });
});

describe("a change of many spaces", () => {
  const sam = actor(
    false,
    { "org-1": ["organization_user"] },
    { a: ["space_manager"], b: ["space_manager"] },
  );

  it("needs the role for every space", () => {
    expect(decideForSpaces("change-space-egress", sam, ORG, ["a", "b"]).allowed).toBe(true);
    expect(decideForSpaces("change-space-egress", sam, ORG, ["a", "b", "c"])).toMatchObject({
      allowed: false,
      refusal: { reason: "space-role" },
    });
  });

  it("judges the roles before the org's state, as CF does", () => {
    expect(decideForSpaces("change-space-egress", sam, SUSPENDED, ["a", "c"])).toMatchObject({
      refusal: { reason: "space-role" },
    });
    expect(decideForSpaces("change-space-egress", sam, SUSPENDED, ["a", "b"])).toMatchObject({
      refusal: { reason: "org-suspended" },
    });
  });
});

describe("what client code judges from a row", () => {
  it("gives the same decision from can_manage as from the roles", () => {
    for (const who of Object.values(USERS))
      for (const org of [ORG, SUSPENDED]) {
        const facts = {
          roleAllows: roleAllows("change-space-egress", who, org.guid, SPACE),
          isAdmin: who.isAdmin,
        };
        expect(judge("change-space-egress", facts, org)).toEqual(
          decide("change-space-egress", who, org, SPACE),
        );
      }
  });
});

describe("seesFoundation", () => {
  it("is for the platform's readers (admin, read-only admin, global auditor), not for org or space roles", () => {
    expect(seesFoundation({ readsGlobally: true })).toBe(true);
    expect(seesFoundation({ readsGlobally: false })).toBe(false);
  });
});

describe("editing a security group itself", () => {
  it("is for platform admins alone: not global readers, not any org or space role", () => {
    const allowed = Object.entries(USERS)
      .filter(([, who]) => decideGroupEdit(who).allowed)
      .map(([name]) => name);
    expect(allowed).toEqual(["platform admin"]);
    expect(decideGroupEdit(USERS["global auditor / read-only admin"] ?? actor(false))).toEqual({
      allowed: false,
      refusal: {
        reason: "platform-admin",
        kind: "forbidden",
        short: "Admins only",
        message: MESSAGES.notAuthorizedGroupEdit,
      },
    });
  });
});
