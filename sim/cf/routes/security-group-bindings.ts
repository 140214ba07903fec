import type { Reply, Request } from "../../http";
import { isRecord, readJsonObject, rejectUnknownFields, type Ctx } from "../context";
import { notAuthorized, orgSuspended, spaceSuspended, unprocessable } from "../errors";
import { rubyList, visibleGroup, type Lifecycle } from "./security-group-checks";

/**
 * Binding a security group to spaces and unbinding it (docs/cf-behaviour.md §2.3):
 * the checks in CC's order, each refused in CC's words, and a bind all or nothing.
 */

/** The state checks of a write to a space: org suspended, then space suspended (docs/cf-behaviour.md §2.3 step 5). */
function checkSpaceWritable(ctx: Ctx, spaceGuid: string): void {
  if (ctx.access.isAdmin) return;
  const space = ctx.world.spaces.get(spaceGuid);
  const org = space && ctx.world.orgs.get(space.orgGuid);
  if (!space || !org) return;
  if (org.suspended) throw orgSuspended();
  if (space.suspended && !ctx.access.managesOrg(org.guid)) throw spaceSuspended();
}

export function bind(lifecycle: Lifecycle) {
  return async (req: Request, ctx: Ctx): Promise<Reply> => {
    const group = visibleGroup(ctx, req.params.guid ?? "");
    const body = await readJsonObject(req);
    rejectUnknownFields(body, ["data"]);
    const data = body.data;
    if (!Array.isArray(data) || data.length === 0) throw unprocessable("Data can't be blank");
    const guids: string[] = [];
    data.forEach((item, index) => {
      if (!isRecord(item) || typeof item.guid !== "string") {
        throw unprocessable(`Invalid data type: Data[${index}] guid should be a string.`);
      }
      guids.push(item.guid);
    });

    const existing = guids.filter((g) => ctx.world.spaces.has(g));
    for (const spaceGuid of existing) {
      if (!ctx.access.isAdmin && !ctx.access.managesSpace(spaceGuid)) throw notAuthorized();
      checkSpaceWritable(ctx, spaceGuid);
    }
    const missing = guids.filter((g) => !ctx.world.spaces.has(g));
    if (missing.length > 0) {
      throw unprocessable(
        `Spaces with guids ${rubyList(missing)} do not exist, or you do not have access to them.`,
      );
    }
    // Atomic: every check above passed before anything is bound.
    const bound = lifecycle === "running" ? group.runningSpaces : group.stagingSpaces;
    for (const guid of guids) bound.add(guid);
    return { status: 200, body: ctx.present.securityGroupSpaces(group, lifecycle) };
  };
}

export function unbind(lifecycle: Lifecycle) {
  return (req: Request, ctx: Ctx): Reply => {
    const group = visibleGroup(ctx, req.params.guid ?? "");
    const spaceGuid = req.params.spaceGuid ?? "";
    const notBound = () =>
      unprocessable(
        `Unable to unbind security group from space with guid '${spaceGuid}'. Ensure the space is bound to this security group.`,
      );
    if (!ctx.world.spaces.has(spaceGuid)) throw notBound();
    if (!ctx.access.isAdmin && !ctx.access.managesSpace(spaceGuid)) throw notAuthorized();
    checkSpaceWritable(ctx, spaceGuid);
    const bound = lifecycle === "running" ? group.runningSpaces : group.stagingSpaces;
    if (!bound.delete(spaceGuid)) throw notBound();
    return { status: 204 };
  };
}
