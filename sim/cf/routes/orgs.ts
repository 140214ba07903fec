import type { Reply, Request, Router } from "../../http";
import { timestamp, type Org } from "../../world";
import { isRecord, readJsonObject, rejectUnknownFields, type Ctx } from "../context";
import { notAuthorized, notFound, unprocessable } from "../errors";
import { filterValues, matchesTimestamps, parseListQuery, type ListSpec } from "../query";
import { paginate, sortItems } from "../list-page";
import { matchesLabels } from "../label-selector";

const LIST_SPEC: ListSpec = {
  filters: ["names", "guids"],
  orderBy: ["created_at", "updated_at", "name"],
  invalidStatus: 400,
  labelSelector: true,
};

export function readableOrg(ctx: Ctx, guid: string): Org {
  const org = ctx.world.orgs.get(guid);
  if (!org || !ctx.access.canReadOrg(org.guid)) throw notFound("Organization");
  return org;
}

function list(req: Request, ctx: Ctx): Reply {
  const query = parseListQuery(req, LIST_SPEC);
  // Org and space name filters are case-insensitive in CC; security group names are not.
  const names = filterValues(query, "names")?.map((n) => n.toLowerCase());
  const guids = filterValues(query, "guids");
  const orgs = [...ctx.world.orgs.values()].filter(
    (o) =>
      ctx.access.canReadOrg(o.guid) &&
      (!names || names.includes(o.name.toLowerCase())) &&
      (!guids || guids.includes(o.guid)) &&
      matchesTimestamps(o, query) &&
      matchesLabels({}, query.labelSelector),
  );
  const { list } = paginate(sortItems(orgs, query), query, `${ctx.present.base}/v3/organizations`, (o) =>
    ctx.present.org(o),
  );
  return { status: 200, body: list };
}

function get(req: Request, ctx: Ctx): Reply {
  return { status: 200, body: ctx.present.org(readableOrg(ctx, req.params.guid ?? "")) };
}

function defaultSegment(req: Request, ctx: Ctx): Reply {
  const org = readableOrg(ctx, req.params.guid ?? "");
  return {
    status: 200,
    body: ctx.present.toOneSegment(
      `/v3/organizations/${org.guid}/relationships/default_isolation_segment`,
      org.defaultIsolationSegment,
    ),
  };
}

/** Body `{"data": {"guid": g}}` or `{"data": null}`, for the to-one isolation segment relationships. */
export function toOneGuid(body: Record<string, unknown>): string | null {
  rejectUnknownFields(body, ["data"]);
  if (body.data === null) return null;
  if (isRecord(body.data) && typeof body.data.guid === "string") return body.data.guid;
  throw unprocessable("Data must be an object or null");
}

async function setDefaultSegment(req: Request, ctx: Ctx): Promise<Reply> {
  const org = readableOrg(ctx, req.params.guid ?? "");
  if (!ctx.access.isAdmin && !ctx.access.managesOrg(org.guid)) throw notAuthorized();
  const guid = toOneGuid(await readJsonObject(req));
  if (guid !== null && !ctx.world.isolationSegments.get(guid)?.orgs.has(org.guid)) {
    throw unprocessable(
      `Unable to assign isolation segment with guid '${guid}'. Ensure it has been entitled to the organization.`,
    );
  }
  org.defaultIsolationSegment = guid;
  org.updatedAt = timestamp();
  return defaultSegment(req, ctx);
}

export function registerOrgs(router: Router<Ctx>): void {
  router
    .on("GET", "/v3/organizations", list)
    .on("GET", "/v3/organizations/:guid", get)
    .on("GET", "/v3/organizations/:guid/relationships/default_isolation_segment", defaultSegment)
    .on("PATCH", "/v3/organizations/:guid/relationships/default_isolation_segment", setDefaultSegment);
}
