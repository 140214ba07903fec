/**
 * Every sentence the dashboard uses to say that something failed, in one
 * table (docs/design.md §11). Pure, so client components can show the same words
 * for what only the browser sees (a lost connection).
 */
export const MESSAGES = {
  signIn: "Your session has ended. Sign in again to continue.",
  notAuthorized: "You need the SpaceManager or OrgManager role to change the egress of this space.",
  readForbidden: "Cloud Foundry does not let your role see this.",
  notAuthorizedGroupEdit:
    "Only platform admins (cloud_controller.admin) can change a security group's rules or platform-wide flags. Nothing was changed.",
  orgSuspended:
    "This org is suspended: Cloud Foundry refuses changes to its spaces until an administrator reactivates it.",
  spaceSuspended: "This space is suspended: Cloud Foundry refuses changes to it.",
  spaceGone: "This space does not exist, or Cloud Foundry does not show it to you.",
  spaceNotInOrg: "This space is not in this organization.",
  orgGone: "This organization does not exist, or Cloud Foundry does not show it to you.",
  foundationOnly:
    "The foundation's view is for platform admins, read-only admins and global auditors; your organizations are under Organizations.",
  groupInvisible: "An administrator must make this group available to your org first.",
  notFound: "Cloud Foundry does not show this to you, or it no longer exists.",
  rateLimited: "Cloud Foundry is rate-limiting your requests. Wait a minute and try again.",
  cfServerError: "Cloud Foundry answered with a server error. Try again in a moment.",
  cfUnreachable: "Cloud Foundry could not be reached. Try again in a moment.",
  cfMalformed: "Cloud Foundry answered with something the dashboard could not read. Try again in a moment.",
  uaaUnreachable: "The sign-in service (UAA) could not be reached. Try again in a moment.",
  databaseUnavailable: "The dashboard's database could not be reached. Try again in a moment.",
  unconfirmed:
    "Cloud Foundry did not confirm the change, so it may not have been made. The page now shows the current state.",
  invalidInput: "The request was refused: its arguments are not valid. Nothing was changed.",
  internalRead: "Something went wrong in the dashboard while loading this. Try again in a moment.",
  internalWrite:
    "Something went wrong in the dashboard, so the change may not have been made. The page now shows the current state.",
  serverUnreachable: "The dashboard's server could not be reached. Check your connection.",
  unreadableAnswer:
    "The dashboard's server answered with something this page could not read. Reload the page and try again.",
  offline:
    "The dashboard's server could not be reached, so the change may not have been made. Check your connection; the page shows the last state it loaded.",
  notRecorded:
    "The change was made, but it could not be recorded in the change history. Tell your platform team.",
  requestNotRecorded: "The request could not be recorded in the org's activity; it is still yours to send.",
  outcomeNotRecorded: "Its outcome could not be recorded in the change history either.",
  notAuthorizedPolicy:
    "Only an OrgManager of this org or a platform admin can change its egress policy. Cloud Foundry shows you the org, so you can read it.",
  policyInvalid: "The policy is not valid, so it was not saved. The fields in error say why.",
  policyNotJson: "The policy must be a JSON document. Nothing was saved.",
  policyConflict:
    "Someone changed this org's policy since you loaded it, so yours was not saved. Reload to see their version, then make your change again.",
  policyUnavailable:
    "The org's egress policy could not be read from the dashboard's database, so compliance is not shown. Try again in a moment.",
  policyChanged:
    "The org's policy changed since this preview. Nothing was changed: review the new plan and confirm again.",
  planChanged:
    "This space changed since the preview, so it was left as it is. Review the new plan and confirm again.",
  bearerNotUser:
    "This token does not belong to a user (a client's own token, say). Use a user's token, e.g. from `cf oauth-token`.",
  historyUnavailable:
    "The change history could not be reached, so nothing was changed: every change is recorded before it is made. Try again in a moment.",
} as const;

export type MessageKey = keyof typeof MESSAGES;

/** Refusals that name the org they are about (lib/permissions' table of reasons). */
export const ORG_REFUSALS = {
  segmentMove: (org: string) =>
    `Only an OrgManager of ${org} or a platform admin can move a space to other hosts.`,
  privateEgress: (org: string) =>
    `Only an OrgManager of ${org} (or a platform admin) can request private egress for it. Ask one of its OrgManagers to send the request.`,
  networkDetails: (org: string) =>
    `The endpoint and private networks of a private-egress request are shown only to OrgManagers and OrgAuditors of ${org} and to platform admins and auditors.`,
  alerts: (org: string) =>
    `Only an OrgManager of ${org} or a platform admin can choose its alerts and where they go. You can see what it is subscribed to.`,
};

/** A policy that is not JSON, said where an editor shows it (lib/policy/json-syntax.ts). */
export const POLICY_MESSAGES = {
  notJsonAt: (line: number, column: number, reason: string) =>
    `The policy must be a JSON document: line ${line}, column ${column}: ${reason}. Nothing was saved.`,
};

/** Why a user is on the landing page again (our own reasons and Auth.js's error codes), in words. */
export const SIGN_IN_NOTICES: Record<string, string> = {
  expired: MESSAGES.signIn,
  signedout: "You have signed out.",
  AccessDenied: "Cloud Foundry did not let you sign in.",
  Configuration:
    "Sign-in is not available right now: the dashboard could not reach the platform's login server.",
  Verification: "The sign-in link is no longer valid. Sign in again.",
};
