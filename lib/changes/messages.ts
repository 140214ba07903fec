import { CfApiError, CfUnavailableError } from "@/lib/cf/errors";

/**
 * CF's answers to a bind or unbind, in words a person understands
 * (cf-api-and-uaa.md §2.3, §2.6). CF is the authority; the dashboard only
 * translates.
 */

export const MESSAGES = {
  groupInvisible: "An administrator must make this group available to your org first.",
  notAuthorized: "You need the SpaceManager or OrgManager role to change the egress of this space.",
  orgSuspended:
    "This org is suspended: Cloud Foundry refuses changes to its spaces until an administrator reactivates it.",
  spaceSuspended: "This space is suspended: Cloud Foundry refuses changes to it.",
  spaceGone: "This space does not exist, or Cloud Foundry does not show it to you.",
  signIn: "Your session has ended. Sign in again, then retry the change.",
  rateLimited: "Cloud Foundry is rate-limiting your requests. Wait a minute and try again.",
  unconfirmed:
    "Cloud Foundry did not confirm the change, so it may not have been made. The page now shows the current state.",
} as const;

/** Whether CF's refusal means the wanted state already holds (the cf CLI treats it the same way). */
export function alreadyDone(error: unknown, action: "bind" | "unbind"): boolean {
  return (
    action === "unbind" &&
    error instanceof CfApiError &&
    error.status === 422 &&
    error.detail.endsWith("Ensure the space is bound to this security group.")
  );
}

export function changeFailureMessage(error: unknown): string {
  if (error instanceof CfUnavailableError) return MESSAGES.unconfirmed;
  if (!(error instanceof CfApiError)) return MESSAGES.unconfirmed;
  switch (error.title) {
    case "CF-OrgSuspended":
      return MESSAGES.orgSuspended;
    case "CF-SpaceSuspended":
      return MESSAGES.spaceSuspended;
    case "CF-NotAuthorized":
      return MESSAGES.notAuthorized;
  }
  if (error.status === 401) return MESSAGES.signIn;
  if (error.status === 404)
    return error.detail.startsWith("Security group") ? MESSAGES.groupInvisible : MESSAGES.spaceGone;
  if (error.status === 422 && error.detail.includes("do not exist, or you do not have access"))
    return MESSAGES.spaceGone;
  if (error.status === 429) return MESSAGES.rateLimited;
  if (error.status === 422) return error.detail;
  return MESSAGES.unconfirmed;
}
