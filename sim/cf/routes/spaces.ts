import type { Reply, Request, Router } from "../../http";
import { newGuid, timestamp, type Space } from "../../world";
import { isRecord, readJsonObject, rejectUnknownFields, type Ctx } from "../context";
import { notAuthorized, notFound, orgSuspended, unprocessable } from "../errors";
import { filterValues, matchesTimestamps, parseListQuery, type ListSpec } from "../query";
import { paginate, sortItems } from "../list-page";
import { matchesLabels } from "../label-selector";
import { toOneGuid } from "./orgs";

const LIST_SPEC: ListSpec = {
  filters: ["names", "guids", "organization_guids"],
  orderBy: ["created_at", "updated_at", "name"],
  invalidStatus: 400,
  include: ["organization"],
  labelSelector: true,
};

const GET_SPEC: ListSpec = { filters: [], orderBy: [], invalidStatus: 400, include: ["organization"] };

export function readableSpace(ctx: Ctx, guid: string): Space {
  const space = ctx.world.spaces.get(guid);
  if (!space || !ctx.access.canReadSpace(space.guid)) throw notFound("Space");
  return space;
}

function includedOrgs(ctx: Ctx, spaces: Space[]) {
  const guids = [...new Set(spaces.map((s) => s.orgGuid))];
  return guids.flatMap((g) => {
    const org = ctx.world.orgs.get(g);
    return org ? [ctx.present.org(org)] : [];
  });
}

function list(req: Request, ctx: Ctx): Reply {
  const query = parseListQuery(req, LIST_SPEC);
  const names = filterValues(query, "names")?.map((n) => n.toLowerCase());
  const guids = filterValues(query, "guids");
  const orgGuids = filterValues(query, "organization_guids");
  const spaces = [...ctx.world.spaces.values()].filter(
    (s) =>
      ctx.access.canReadSpace(s.guid) &&
      (!names || names.includes(s.name.toLowerCase())) &&
      (!guids || guids.includes(s.guid)) &&
      (!orgGuids || orgGuids.includes(s.orgGuid)) &&
      matchesTimestamps(s, query) &&
      matchesLabels({}, query.labelSelector),
  );
  const { list, pageItems } = paginate(
    sortItems(spaces, query),
    query,
    `${ctx.present.base}/v3/spaces`,
    (s) => ctx.present.space(s),
  );
  const body = query.include.includes("organization")
    ? { ...list, included: { organizations: includedOrgs(ctx, pageItems) } }
    : list;
  return { status: 200, body };
}

function get(req: Request, ctx: Ctx): Reply {
  const query = parseListQuery(req, GET_SPEC);
  const space = readableSpace(ctx, req.params.guid ?? "");
  const body = ctx.present.space(space);
  return {
    status: 200,
    body: query.include.includes("organization")
      ? { ...body, included: { organizations: includedOrgs(ctx, [space]) } }
      : body,
  };
}

async function create(req: Request, ctx: Ctx): Promise<Reply> {
  const body = await readJsonObject(req);
  rejectUnknownFields(body, ["name", "relationships", "metadata"]);
  const relationships = isRecord(body.relationships) ? body.relationships : {};
  const orgData = isRecord(relationships.organization) ? relationships.organization.data : undefined;
  const orgGuid = isRecord(orgData) && typeof orgData.guid === "string" ? orgData.guid : undefined;
  const problems: string[] = [];
  if (typeof body.name !== "string" || body.name === "") problems.push("Name can't be blank");
  if (!orgGuid) problems.push("Relationships Organization can't be blank");
  if (problems.length > 0) throw unprocessable(problems.join(", "));
  const name = body.name as string;
  const org = ctx.world.orgs.get(orgGuid ?? "");
  if (!org || !ctx.access.canReadOrg(org.guid)) {
    throw unprocessable("Invalid organization. Ensure the organization exists and you have access to it.");
  }
  if (!ctx.access.isAdmin) {
    if (!ctx.access.managesOrg(org.guid)) throw notAuthorized();
    if (org.suspended) throw orgSuspended();
  }
  if ([...ctx.world.spaces.values()].some((s) => s.orgGuid === org.guid && s.name === name)) {
    throw unprocessable(`Organization '${org.name}' already contains a space with name '${name}'.`);
  }
  const now = timestamp();
  const space: Space = {
    guid: newGuid(),
    name,
    orgGuid: org.guid,
    suspended: false,
    isolationSegment: null,
    createdAt: now,
    updatedAt: now,
  };
  ctx.world.spaces.set(space.guid, space);
  return { status: 201, body: ctx.present.space(space) };
}

function segment(req: Request, ctx: Ctx): Reply {
  const space = readableSpace(ctx, req.params.guid ?? "");
  return {
    status: 200,
    body: ctx.present.toOneSegment(
      `/v3/spaces/${space.guid}/relationships/isolation_segment`,
      space.isolationSegment,
    ),
  };
}

/**
 * Admins and the space's org managers (docs/cf-behaviour.md §3.2, the CF API docs and CC's controller
 * spec). CC's request spec expects 403 for an org manager, but docs/cf-behaviour.md §7.8 traces
 * that to the spec's own set-up, not to CF's rule; see docs/adr/0005-space-segment-permission.md.
 * A suspended org refuses non-admins, as for every other space write.
 */
async function setSegment(req: Request, ctx: Ctx): Promise<Reply> {
  const space = readableSpace(ctx, req.params.guid ?? "");
  if (!ctx.access.isAdmin) {
    if (!ctx.access.managesOrg(space.orgGuid)) throw notAuthorized();
    if (ctx.world.orgs.get(space.orgGuid)?.suspended) throw orgSuspended();
  }
  const guid = toOneGuid(await readJsonObject(req));
  if (guid !== null && !ctx.world.isolationSegments.get(guid)?.orgs.has(space.orgGuid)) {
    throw unprocessable(
      `Unable to assign isolation segment with guid '${guid}'. Ensure it has been entitled to the organization that this space belongs to.`,
    );
  }
  space.isolationSegment = guid;
  space.updatedAt = timestamp();
  return segment(req, ctx);
}

export function registerSpaces(router: Router<Ctx>): void {
  router
    .on("GET", "/v3/spaces", list)
    .on("POST", "/v3/spaces", create)
    .on("GET", "/v3/spaces/:guid", get)
    .on("GET", "/v3/spaces/:guid/relationships/isolation_segment", segment)
    .on("PATCH", "/v3/spaces/:guid/relationships/isolation_segment", setSegment);
}
