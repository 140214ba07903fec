import type { Reply, Request, Router } from "../../http";
import { timestamp, type IsolationSegment } from "../../world";
import { isRecord, readJsonObject, rejectUnknownFields, type Ctx } from "../context";
import { notAuthorized, notFound, unprocessable } from "../errors";
import { filterValues, matchesTimestamps, parseListQuery, type ListSpec } from "../query";
import { paginate, sortItems } from "../list-page";
import { matchesLabels } from "../label-selector";

const LIST_SPEC: ListSpec = {
  filters: ["guids", "names", "organization_guids"],
  orderBy: ["created_at", "updated_at", "name"],
  invalidStatus: 400,
  labelSelector: true,
};

const ORG_LIST_SPEC: ListSpec = {
  filters: ["guids", "names"],
  orderBy: ["created_at", "updated_at", "name"],
  invalidStatus: 400,
  labelSelector: true,
};

/** Non-admins see only the segments entitled to their orgs. */
function canSee(ctx: Ctx, segment: IsolationSegment): boolean {
  return ctx.access.readsGlobally || [...segment.orgs].some((g) => ctx.access.canReadOrg(g));
}

function visibleSegment(ctx: Ctx, guid: string): IsolationSegment {
  const segment = ctx.world.isolationSegments.get(guid);
  if (!segment || !canSee(ctx, segment)) throw notFound("Isolation segment");
  return segment;
}

function list(req: Request, ctx: Ctx): Reply {
  const query = parseListQuery(req, LIST_SPEC);
  const guids = filterValues(query, "guids");
  const names = filterValues(query, "names");
  const orgGuids = filterValues(query, "organization_guids");
  const segments = [...ctx.world.isolationSegments.values()].filter(
    (s) =>
      canSee(ctx, s) &&
      (!guids || guids.includes(s.guid)) &&
      (!names || names.includes(s.name)) &&
      (!orgGuids || orgGuids.some((g) => s.orgs.has(g) && ctx.access.canReadOrg(g))) &&
      matchesTimestamps(s, query) &&
      matchesLabels({}, query.labelSelector),
  );
  const { list } = paginate(
    sortItems(segments, query),
    query,
    `${ctx.present.base}/v3/isolation_segments`,
    (s) => ctx.present.isolationSegment(s),
  );
  return { status: 200, body: list };
}

function get(req: Request, ctx: Ctx): Reply {
  return { status: 200, body: ctx.present.isolationSegment(visibleSegment(ctx, req.params.guid ?? "")) };
}

function entitledOrgGuids(ctx: Ctx, segment: IsolationSegment): string[] {
  return [...segment.orgs].filter((g) => ctx.access.canReadOrg(g));
}

function orgsRelationship(ctx: Ctx, segment: IsolationSegment) {
  const base = `${ctx.present.base}/v3/isolation_segments/${segment.guid}`;
  return {
    data: entitledOrgGuids(ctx, segment).map((guid) => ({ guid })),
    links: {
      self: { href: `${base}/relationships/organizations` },
      related: { href: `${base}/organizations` },
    },
  };
}

function orgsRelationshipRoute(req: Request, ctx: Ctx): Reply {
  return { status: 200, body: orgsRelationship(ctx, visibleSegment(ctx, req.params.guid ?? "")) };
}

/** The spaces assigned to the segment that the caller can read; one call serves a whole org page. */
function spacesRelationship(req: Request, ctx: Ctx): Reply {
  const segment = visibleSegment(ctx, req.params.guid ?? "");
  const spaces = [...ctx.world.spaces.values()].filter(
    (s) => s.isolationSegment === segment.guid && ctx.access.canReadSpace(s.guid),
  );
  return {
    status: 200,
    body: {
      data: spaces.map((s) => ({ guid: s.guid })),
      links: {
        self: { href: `${ctx.present.base}/v3/isolation_segments/${segment.guid}/relationships/spaces` },
      },
    },
  };
}

function organizations(req: Request, ctx: Ctx): Reply {
  const segment = visibleSegment(ctx, req.params.guid ?? "");
  const query = parseListQuery(req, ORG_LIST_SPEC);
  const guids = filterValues(query, "guids");
  const names = filterValues(query, "names")?.map((n) => n.toLowerCase());
  const orgs = entitledOrgGuids(ctx, segment)
    .flatMap((g) => {
      const org = ctx.world.orgs.get(g);
      return org ? [org] : [];
    })
    .filter(
      (o) =>
        (!guids || guids.includes(o.guid)) &&
        (!names || names.includes(o.name.toLowerCase())) &&
        matchesTimestamps(o, query),
    );
  const { list } = paginate(
    sortItems(orgs, query),
    query,
    `${ctx.present.base}/v3/isolation_segments/${segment.guid}/organizations`,
    (o) => ctx.present.org(o),
  );
  return { status: 200, body: list };
}

async function entitle(req: Request, ctx: Ctx): Promise<Reply> {
  const segment = visibleSegment(ctx, req.params.guid ?? "");
  if (!ctx.access.isAdmin) throw notAuthorized();
  const body = await readJsonObject(req);
  rejectUnknownFields(body, ["data"]);
  const data = body.data;
  if (
    !Array.isArray(data) ||
    data.length === 0 ||
    !data.every((d) => isRecord(d) && typeof d.guid === "string")
  ) {
    throw unprocessable("Data must be an array of objects with a guid");
  }
  const guids = data.map((d) => String((d as Record<string, unknown>).guid));
  const missing = guids.filter((g) => !ctx.world.orgs.has(g));
  if (missing.length > 0) {
    throw unprocessable(`Organization guids ${JSON.stringify(missing)} do not exist.`);
  }
  for (const g of guids) segment.orgs.add(g);
  segment.updatedAt = timestamp();
  return { status: 200, body: orgsRelationship(ctx, segment) };
}

async function revoke(req: Request, ctx: Ctx): Promise<Reply> {
  const segment = visibleSegment(ctx, req.params.guid ?? "");
  if (!ctx.access.isAdmin) throw notAuthorized();
  await req.body();
  const orgGuid = req.params.orgGuid ?? "";
  const org = ctx.world.orgs.get(orgGuid);
  if (!org) throw notFound("Organization");
  const inUse =
    org.defaultIsolationSegment === segment.guid ||
    [...ctx.world.spaces.values()].some((s) => s.orgGuid === org.guid && s.isolationSegment === segment.guid);
  if (inUse) {
    throw unprocessable(
      `Cannot remove the entitlement of isolation segment '${segment.name}' from organization '${org.name}' while it is the organization's default or is assigned to one of its spaces.`,
    );
  }
  segment.orgs.delete(org.guid);
  return { status: 204 };
}

export function registerIsolationSegments(router: Router<Ctx>): void {
  router
    .on("GET", "/v3/isolation_segments", list)
    .on("GET", "/v3/isolation_segments/:guid", get)
    .on("GET", "/v3/isolation_segments/:guid/relationships/organizations", orgsRelationshipRoute)
    .on("POST", "/v3/isolation_segments/:guid/relationships/organizations", entitle)
    .on("DELETE", "/v3/isolation_segments/:guid/relationships/organizations/:orgGuid", revoke)
    .on("GET", "/v3/isolation_segments/:guid/relationships/spaces", spacesRelationship)
    .on("GET", "/v3/isolation_segments/:guid/organizations", organizations);
}
