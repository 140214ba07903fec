import "server-only";
import type { CfClient } from "@/lib/cf/client";
import { CfApiError } from "@/lib/cf/errors";
import { getOrganization } from "@/lib/cf/orgs";
import { listUserRoles, type UserRoles } from "@/lib/cf/roles";
import { securityGroupListSchema, type Organization, type SecurityGroup, type Space } from "@/lib/cf/schemas";
import { bindSecurityGroup, unbindSecurityGroup } from "@/lib/cf/security-groups";
import { getSpace } from "@/lib/cf/spaces";
import type { Lifecycle, Profile } from "@/lib/egress";
import { alreadyDone, failure, FailureError, MESSAGES, toFailure, type Failure } from "@/lib/failures";

/**
 * Binds and unbinds with the user's own token. Each step re-reads what it
 * relies on from CF (the space and its org, the group), so a forged argument
 * is refused by the same checks as a real one, and CF stays the authority.
 *
 * Reads before the write fail with "nothing was changed"; the write itself
 * never reports more than CF confirmed.
 */

/** A read a change depends on: a failure here means nothing was written. */
export async function readBeforeChange<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const f = toFailure(error, "read");
    throw new FailureError(f.kind === "sign-in" ? f : { ...f, message: `${f.message} Nothing was changed.` });
  }
}

/** The space and its org, if the space exists, the user can see it, and it belongs to the org in the URL. */
export async function spaceInOrg(
  client: CfClient,
  orgGuid: string,
  spaceGuid: string,
): Promise<{ ok: true; space: Space; org: Organization } | { ok: false; failure: Failure }> {
  const [space, org] = await readBeforeChange(() =>
    Promise.all([getSpace(client, spaceGuid), getOrganization(client, orgGuid)]),
  );
  if (!space) return { ok: false, failure: failure("not-found", MESSAGES.spaceGone) };
  if (!org || space.relationships.organization.data.guid !== orgGuid)
    return { ok: false, failure: failure("not-found", MESSAGES.spaceNotInOrg) };
  return { ok: true, space, org };
}

/** A profile's group, if the user can see it (CF lists only visible groups). */
export async function profileGroup(client: CfClient, profile: Profile): Promise<SecurityGroup | null> {
  const { resources } = await readBeforeChange(() =>
    client.list("/v3/security_groups", securityGroupListSchema, { names: [profile.group] }),
  );
  return resources.find((g) => g.name === profile.group) ?? null;
}

/** The user's roles, read with their token before a change (a failure: nothing was changed). */
export function rolesBeforeChange(client: CfClient, userGuid: string): Promise<UserRoles> {
  return readBeforeChange(() => listUserRoles(client, userGuid));
}

export type Binding = {
  action: "bind" | "unbind";
  groupGuid: string;
  spaceGuids: string[];
  lifecycle: Lifecycle;
};

/** CF's error fields worth keeping in the history, when CF answered with one. */
export type CfErrorFields = { status: number; code: number | null; title: string; detail: string };

export function cfErrorOf(error: unknown): CfErrorFields | null {
  return error instanceof CfApiError
    ? { status: error.status, code: error.code ?? null, title: error.title, detail: error.detail }
    : null;
}

export type Outcome = { ok: true } | { ok: false; failure: Failure; cfError: CfErrorFields | null };

/** The write itself: one request binds every space (CF binds all or none); unbinds go one per space. */
export async function applyBinding(client: CfClient, change: Binding): Promise<Outcome> {
  try {
    if (change.action === "bind") {
      await bindSecurityGroup(client, change.groupGuid, change.lifecycle, change.spaceGuids);
    } else {
      for (const spaceGuid of change.spaceGuids) {
        await unbindSecurityGroup(client, change.groupGuid, change.lifecycle, spaceGuid);
      }
    }
    return { ok: true };
  } catch (error) {
    if (alreadyDone(error, change.action)) return { ok: true };
    return { ok: false, failure: toFailure(error, "write"), cfError: cfErrorOf(error) };
  }
}
