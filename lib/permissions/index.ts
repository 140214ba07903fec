import type { UserRoles } from "@/lib/cf/role-index";
import { MESSAGES, ORG_REFUSALS } from "@/lib/failures/messages";

/**
 * Who may do what in the dashboard, in one place, judged as Cloud Foundry
 * judges it (docs/cf-behaviour.md §2.3): first the role, then the org's
 * state. Every page, action and route handler asks here, so a control is
 * offered exactly when its action would be let through, and both say the
 * same words when not. Pure and client-safe. CF stays the authority: what
 * passes here, CF judges again with the user's own token; this only decides
 * which controls to offer and which calls are sure to be refused (those are
 * refused before anything is recorded or sent).
 */

export type Operation =
  /** Bind or unbind a security group for a space (a profile switch, a fix, bulk apply, Bring into policy). */
  | "change-space-egress"
  /** Move a space onto an isolation segment, or back to the org's default (docs/adr/0005). */
  | "move-space-segment"
  /** Edit the org's egress policy (stored by the dashboard, docs/adr/0006). */
  | "edit-org-policy"
  /** Prepare a private-egress support request for the org (seed 004: the "Org Admin" asks). */
  | "request-private-egress"
  /**
   * Read a private-egress request's endpoint address and private networks in the org's activity:
   * network topology, for the org's managers and auditors and the platform's readers; others see
   * only that a request was made (docs/design.md §6).
   */
  | "read-network-details"
  /** Subscribe the org to alerts and manage where they go (docs/design.md §12: the dashboard's own, like the policy). */
  | "manage-org-alerts";

export const OPERATIONS: readonly Operation[] = [
  "change-space-egress",
  "move-space-segment",
  "edit-org-policy",
  "request-private-egress",
  "read-network-details",
  "manage-org-alerts",
];

export type RefusalReason =
  | "space-role"
  | "org-role-segment"
  | "org-role-policy"
  | "org-role-private-egress"
  | "org-role-network-details"
  | "org-role-alerts"
  | "org-suspended"
  | "platform-admin";

export type Refusal = {
  reason: RefusalReason;
  /** The failure kind an action or route answers with (lib/failures). */
  kind: "forbidden" | "suspended";
  /** A control's label when it is disabled ("No permission"). */
  short: string;
  /** The sentence that says why, the same on the page and in the refused action. */
  message: string;
};

export type Decision = { allowed: true } | { allowed: false; refusal: Refusal };

type OrgRef = { guid: string; name: string; suspended: boolean };
/** What the reasons need of an org: its name (some sentences name it) and its state. */
type OrgState = Pick<OrgRef, "name" | "suspended">;

/** The one table of reasons, worded from lib/failures. */
const REFUSALS: Record<RefusalReason, (org: OrgState) => Omit<Refusal, "reason">> = {
  "space-role": () => ({ kind: "forbidden", short: "No permission", message: MESSAGES.notAuthorized }),
  "org-role-segment": (org) => ({
    kind: "forbidden",
    short: "No permission",
    message: ORG_REFUSALS.segmentMove(org.name),
  }),
  "org-role-policy": () => ({ kind: "forbidden", short: "Read only", message: MESSAGES.notAuthorizedPolicy }),
  "org-role-private-egress": (org) => ({
    kind: "forbidden",
    short: "No permission",
    message: ORG_REFUSALS.privateEgress(org.name),
  }),
  "org-role-network-details": (org) => ({
    kind: "forbidden",
    short: "Addresses hidden",
    message: ORG_REFUSALS.networkDetails(org.name),
  }),
  "org-role-alerts": (org) => ({
    kind: "forbidden",
    short: "Read only",
    message: ORG_REFUSALS.alerts(org.name),
  }),
  "org-suspended": () => ({ kind: "suspended", short: "Org suspended", message: MESSAGES.orgSuspended }),
  "platform-admin": () => ({
    kind: "forbidden",
    short: "Admins only",
    message: MESSAGES.notAuthorizedGroupEdit,
  }),
};

/**
 * Per operation: which role allows it (admins may do anything), the reason
 * when the role is missing, and whether CF refuses it in a suspended org
 * (CF-OrgSuspended for everyone but admins; the policy and the support
 * request are the dashboard's own, so CF has no say in them).
 */
const RULES: Record<
  Operation,
  {
    who: "space-or-org-manager" | "org-manager" | "org-manager-or-auditor";
    noRole: RefusalReason;
    suspendable: boolean;
  }
> = {
  "change-space-egress": { who: "space-or-org-manager", noRole: "space-role", suspendable: true },
  "move-space-segment": { who: "org-manager", noRole: "org-role-segment", suspendable: true },
  "edit-org-policy": { who: "org-manager", noRole: "org-role-policy", suspendable: false },
  "request-private-egress": { who: "org-manager", noRole: "org-role-private-egress", suspendable: false },
  "read-network-details": {
    who: "org-manager-or-auditor",
    noRole: "org-role-network-details",
    suspendable: false,
  },
  "manage-org-alerts": { who: "org-manager", noRole: "org-role-alerts", suspendable: false },
};

/**
 * `readsGlobally`: an admin, read-only admin or global auditor (lib/auth/scopes.ts), who reads the
 * whole platform; only read operations look at it.
 */
export type Actor = { isAdmin: boolean; readsGlobally?: boolean; roles: UserRoles };

/** An OrgManager of the org, or a platform admin. */
export function managesOrg(actor: Actor, orgGuid: string): boolean {
  return actor.isAdmin || !!actor.roles.orgs.get(orgGuid)?.has("organization_manager");
}

/** Whether CF lists every space of the org to this user: its managers and global readers (docs/design.md §4). */
export function seesAllSpacesOf(actor: Actor & { readsGlobally: boolean }, orgGuid: string): boolean {
  return actor.readsGlobally || !!actor.roles.orgs.get(orgGuid)?.has("organization_manager");
}

/** Whether the user's role allows the operation, whatever the org's state (the export's `can_manage`). */
export function roleAllows(op: Operation, actor: Actor, orgGuid: string, spaceGuid?: string): boolean {
  if (managesOrg(actor, orgGuid)) return true;
  if (RULES[op].who === "org-manager-or-auditor")
    return !!actor.readsGlobally || !!actor.roles.orgs.get(orgGuid)?.has("organization_auditor");
  return (
    RULES[op].who === "space-or-org-manager" &&
    spaceGuid !== undefined &&
    !!actor.roles.spaces.get(spaceGuid)?.has("space_manager")
  );
}

function refused(reason: RefusalReason, org: OrgState): Decision {
  return { allowed: false, refusal: { reason, ...REFUSALS[reason](org) } };
}

/**
 * The decision from what is already known of the user (whether their role
 * allows it, whether they are an admin), for client code that has no roles
 * to hand: a matrix row carries only `can_manage`.
 */
export function judge(
  op: Operation,
  facts: { roleAllows: boolean; isAdmin: boolean },
  org: OrgState,
): Decision {
  if (!facts.roleAllows) return refused(RULES[op].noRole, org);
  if (RULES[op].suspendable && org.suspended && !facts.isAdmin) return refused("org-suspended", org);
  return { allowed: true };
}

/** May this user do this to this org (and, for egress changes, this space)? */
export function decide(op: Operation, actor: Actor, org: OrgRef, spaceGuid?: string): Decision {
  return judge(op, { roleAllows: roleAllows(op, actor, org.guid, spaceGuid), isAdmin: actor.isAdmin }, org);
}

/** The same for one change of many spaces: every space's role first, then the org's state, as CF does. */
export function decideForSpaces(
  op: Operation,
  actor: Actor,
  org: OrgRef,
  spaceGuids: readonly string[],
): Decision {
  const allowed = spaceGuids.every((guid) => roleAllows(op, actor, org.guid, guid));
  return judge(op, { roleAllows: allowed, isAdmin: actor.isAdmin }, org);
}

/**
 * Whether the user sees the platform team's view (`/foundation`, docs/design.md §13): platform admins,
 * read-only admins and global auditors, for whom CF lists every org and space. Anyone else is sent to
 * `/orgs`, which already counts the postures of the orgs they can see; their "who can reach this?" is
 * the org page's, scoped to one org.
 */
export function seesFoundation(actor: { readsGlobally: boolean }): boolean {
  return actor.readsGlobally;
}

/**
 * Changing a security group itself (its rules, its platform-wide flags): CF lets only platform admins
 * (`cloud_controller.admin`; docs/cf-behaviour.md §2.2), not admin read-only users or global auditors,
 * and no org or space role, so neither does the dashboard: the control is offered to admins alone.
 */
export function decideGroupEdit(actor: Pick<Actor, "isAdmin">): Decision {
  if (actor.isAdmin) return { allowed: true };
  return {
    allowed: false,
    refusal: { reason: "platform-admin", ...REFUSALS["platform-admin"]({ name: "", suspended: false }) },
  };
}
