import type { Reply, Request, Router } from "../../http";
import { newGuid, timestamp, type Job, type SecurityGroup } from "../../world";
import { isRecord, readJsonObject, rejectUnknownFields, type Ctx } from "../context";
import { notFound, unprocessable } from "../errors";
import { booleanFilter, filterValues, matchesTimestamps, parseListQuery, type ListSpec } from "../query";
import { paginate, sortItems } from "../list-page";
import { bind, unbind } from "./security-group-bindings";
import {
  nameTaken,
  relationshipGuids,
  requireAdmin,
  rubyList,
  validateGroupFields,
  visibleGroup,
  type Lifecycle,
} from "./security-group-checks";
import { worldChanged } from "../../reply-cache";

/**
 * Security groups (docs/cf-behaviour.md §2): the lists with their visibility and
 * relationship filtering, create, update and delete; binds are in
 * ./security-group-bindings.ts, the checks both use in ./security-group-checks.ts.
 */

const LIST_SPEC: ListSpec = {
  filters: [
    "guids",
    "names",
    "running_space_guids",
    "staging_space_guids",
    "globally_enabled_running",
    "globally_enabled_staging",
  ],
  orderBy: ["created_at", "updated_at"],
  invalidStatus: 422,
};

const SPACE_LIST_SPEC: ListSpec = {
  filters: ["guids", "names"],
  orderBy: ["created_at", "updated_at"],
  invalidStatus: 422,
};

function presentForCaller(ctx: Ctx, group: SecurityGroup) {
  return ctx.present.securityGroup(
    group,
    ctx.access.visibleSpaces(group.runningSpaces),
    ctx.access.visibleSpaces(group.stagingSpaces),
  );
}

/** Bound to any of the wanted spaces (CC joins the binding table: the caller's visibility plays no part here). */
function boundToAny(bound: Set<string>, wanted: Set<string>): boolean {
  // Walk the smaller side: most groups are bound to one space, and a filter may name hundreds.
  if (bound.size <= wanted.size) {
    for (const guid of bound) if (wanted.has(guid)) return true;
    return false;
  }
  for (const guid of wanted) if (bound.has(guid)) return true;
  return false;
}

const asSet = (values: string[] | undefined) => (values === undefined ? undefined : new Set(values));

function list(req: Request, ctx: Ctx): Reply {
  const query = parseListQuery(req, LIST_SPEC);
  const guids = asSet(filterValues(query, "guids"));
  const names = asSet(filterValues(query, "names"));
  const running = asSet(filterValues(query, "running_space_guids"));
  const staging = asSet(filterValues(query, "staging_space_guids"));
  const globalRunning = booleanFilter(query, "globally_enabled_running", LIST_SPEC);
  const globalStaging = booleanFilter(query, "globally_enabled_staging", LIST_SPEC);
  const groups = [...ctx.world.securityGroups.values()].filter(
    (g) =>
      (!guids || guids.has(g.guid)) &&
      (!names || names.has(g.name)) &&
      (!running || boundToAny(g.runningSpaces, running)) &&
      (!staging || boundToAny(g.stagingSpaces, staging)) &&
      (globalRunning === undefined || g.globallyEnabled.running === globalRunning) &&
      (globalStaging === undefined || g.globallyEnabled.staging === globalStaging) &&
      matchesTimestamps(g, query) &&
      ctx.access.canSeeSecurityGroup(g),
  );
  const { list } = paginate(sortItems(groups, query), query, `${ctx.present.base}/v3/security_groups`, (g) =>
    presentForCaller(ctx, g),
  );
  return { status: 200, body: list };
}

/** The groups that apply to one space for one lifecycle: global ones plus the ones bound to it. */
export function spaceSecurityGroups(lifecycle: Lifecycle) {
  return (req: Request, ctx: Ctx): Reply => {
    const space = ctx.world.spaces.get(req.params.guid ?? "");
    if (!space || !ctx.access.canReadSpace(space.guid)) throw notFound("Space");
    const query = parseListQuery(req, SPACE_LIST_SPEC);
    const guids = filterValues(query, "guids");
    const names = filterValues(query, "names");
    const groups = [...ctx.world.securityGroups.values()].filter((g) => {
      const bound = lifecycle === "running" ? g.runningSpaces : g.stagingSpaces;
      return (
        (g.globallyEnabled[lifecycle] || bound.has(space.guid)) &&
        (!guids || guids.includes(g.guid)) &&
        (!names || names.includes(g.name)) &&
        matchesTimestamps(g, query)
      );
    });
    // CC passes only the queried space as "visible", even for admins (docs/cf-behaviour.md §2.1).
    const only = (bound: Set<string>) => (bound.has(space.guid) ? [space.guid] : []);
    const { list } = paginate(
      sortItems(groups, query),
      query,
      `${ctx.present.base}/v3/spaces/${space.guid}/${lifecycle}_security_groups`,
      (g) => ctx.present.securityGroup(g, only(g.runningSpaces), only(g.stagingSpaces)),
    );
    return { status: 200, body: list };
  };
}

function get(req: Request, ctx: Ctx): Reply {
  return { status: 200, body: presentForCaller(ctx, visibleGroup(ctx, req.params.guid ?? "")) };
}

async function create(req: Request, ctx: Ctx): Promise<Reply> {
  requireAdmin(ctx);
  const body = await readJsonObject(req);
  rejectUnknownFields(body, ["name", "globally_enabled", "rules", "relationships"]);
  const problems = validateGroupFields(body, ctx, true);
  const relationships = isRecord(body.relationships) ? body.relationships : {};
  if (body.relationships !== undefined && !isRecord(body.relationships))
    problems.push("Relationships must be an object");
  const running = relationshipGuids(relationships.running_spaces, "running", problems);
  const staging = relationshipGuids(relationships.staging_spaces, "staging", problems);
  if (problems.length > 0) throw unprocessable(problems.join(", "));

  const name = body.name as string;
  if (nameTaken(ctx.world, name)) throw unprocessable(`Security group with name '${name}' already exists.`);
  const missing = [...new Set([...running, ...staging])].filter((g) => !ctx.world.spaces.has(g));
  if (missing.length > 0) throw unprocessable(`Spaces with guids ${rubyList(missing)} do not exist.`);

  const ge = isRecord(body.globally_enabled) ? body.globally_enabled : {};
  const now = timestamp();
  const group: SecurityGroup = {
    guid: newGuid(),
    name,
    globallyEnabled: { running: ge.running === true, staging: ge.staging === true },
    rules: (body.rules as SecurityGroup["rules"] | undefined) ?? [],
    runningSpaces: new Set(running),
    stagingSpaces: new Set(staging),
    createdAt: now,
    updatedAt: now,
  };
  ctx.world.securityGroups.set(group.guid, group);
  return { status: 201, body: presentForCaller(ctx, group) };
}

async function update(req: Request, ctx: Ctx): Promise<Reply> {
  const group = visibleGroup(ctx, req.params.guid ?? "");
  requireAdmin(ctx);
  const body = await readJsonObject(req);
  rejectUnknownFields(body, ["name", "globally_enabled", "rules"]);
  const problems = validateGroupFields(body, ctx, false);
  if (problems.length > 0) throw unprocessable(problems.join(", "));
  if (typeof body.name === "string" && nameTaken(ctx.world, body.name, group.guid)) {
    throw unprocessable(`Security group with name '${body.name}' already exists.`);
  }
  if (typeof body.name === "string") group.name = body.name;
  // globally_enabled is merged key by key; rules replace the whole array.
  if (isRecord(body.globally_enabled)) {
    const ge = body.globally_enabled;
    if (typeof ge.running === "boolean") group.globallyEnabled.running = ge.running;
    if (typeof ge.staging === "boolean") group.globallyEnabled.staging = ge.staging;
  }
  if (Array.isArray(body.rules)) group.rules = body.rules as SecurityGroup["rules"];
  group.updatedAt = timestamp();
  return { status: 200, body: presentForCaller(ctx, group) };
}

function remove(req: Request, ctx: Ctx): Reply {
  const group = visibleGroup(ctx, req.params.guid ?? "");
  requireAdmin(ctx);
  const now = timestamp();
  const job: Job = {
    guid: newGuid(),
    operation: "security_group.delete",
    state: "PROCESSING",
    resource: { type: "security_group", guid: group.guid },
    errors: [],
    warnings: [],
    createdAt: now,
    updatedAt: now,
  };
  ctx.world.jobs.set(job.guid, job);
  const world = ctx.world;
  // The deletion runs as a background job, as in CC; clients poll the job.
  setTimeout(() => {
    world.securityGroups.delete(group.guid);
    worldChanged(world); // after the request that asked for it: answers made since are stale
    job.state = "COMPLETE";
    job.updatedAt = timestamp();
  }, 50).unref();
  return { status: 202, headers: { Location: `${ctx.present.base}/v3/jobs/${job.guid}` } };
}

export function registerSecurityGroups(router: Router<Ctx>): void {
  router
    .on("GET", "/v3/security_groups", list)
    .on("POST", "/v3/security_groups", create)
    .on("GET", "/v3/security_groups/:guid", get)
    .on("PATCH", "/v3/security_groups/:guid", update)
    .on("DELETE", "/v3/security_groups/:guid", remove)
    .on("POST", "/v3/security_groups/:guid/relationships/running_spaces", bind("running"))
    .on("POST", "/v3/security_groups/:guid/relationships/staging_spaces", bind("staging"))
    .on("DELETE", "/v3/security_groups/:guid/relationships/running_spaces/:spaceGuid", unbind("running"))
    .on("DELETE", "/v3/security_groups/:guid/relationships/staging_spaces/:spaceGuid", unbind("staging"))
    .on("GET", "/v3/spaces/:guid/running_security_groups", spaceSecurityGroups("running"))
    .on("GET", "/v3/spaces/:guid/staging_security_groups", spaceSecurityGroups("staging"));
}
