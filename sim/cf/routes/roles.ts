import type { Reply, Request, Router } from "../../http";
import type { Role } from "../../world";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { filterValues, matchesTimestamps, parseListQuery, type ListSpec } from "../query";
import { paginate, sortItems } from "../list-page";

const INCLUDE = ["user", "space", "organization"];

const LIST_SPEC: ListSpec = {
  filters: ["guids", "types", "space_guids", "organization_guids", "user_guids"],
  orderBy: ["created_at", "updated_at"],
  invalidStatus: 422,
  include: INCLUDE,
  defaultOrderBy: "created_at",
};

const GET_SPEC: ListSpec = { filters: [], orderBy: [], invalidStatus: 422, include: INCLUDE };

/** Roles in any space the caller can read, plus roles in any org the caller can read. */
function visible(ctx: Ctx, role: Role): boolean {
  if (role.spaceGuid) return ctx.access.canReadSpace(role.spaceGuid);
  return !!role.orgGuid && ctx.access.canReadOrg(role.orgGuid);
}

/**
 * `included`: the users of the listed roles, the orgs of org-type roles only
 * (not the parent orgs of space roles), the spaces of space roles. Every
 * requested key is present, even when empty.
 */
function included(ctx: Ctx, roles: Role[], include: string[]) {
  const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];
  const result: Record<string, unknown[]> = {};
  if (include.includes("user")) {
    result.users = unique(roles.map((r) => r.userGuid)).flatMap((g) => {
      const user = ctx.world.users.get(g);
      return user ? [ctx.present.user(user)] : [];
    });
  }
  if (include.includes("organization")) {
    result.organizations = unique(roles.map((r) => r.orgGuid)).flatMap((g) => {
      const org = ctx.world.orgs.get(g);
      return org ? [ctx.present.org(org)] : [];
    });
  }
  if (include.includes("space")) {
    result.spaces = unique(roles.map((r) => r.spaceGuid)).flatMap((g) => {
      const space = ctx.world.spaces.get(g);
      return space ? [ctx.present.space(space)] : [];
    });
  }
  return result;
}

function list(req: Request, ctx: Ctx): Reply {
  const query = parseListQuery(req, LIST_SPEC);
  const guids = filterValues(query, "guids");
  const types = filterValues(query, "types");
  const spaceGuids = filterValues(query, "space_guids");
  const orgGuids = filterValues(query, "organization_guids");
  const userGuids = filterValues(query, "user_guids");
  const roles = [...ctx.world.roles.values()].filter(
    (r) =>
      visible(ctx, r) &&
      (!guids || guids.includes(r.guid)) &&
      (!types || types.includes(r.type)) &&
      (!spaceGuids || (!!r.spaceGuid && spaceGuids.includes(r.spaceGuid))) &&
      (!orgGuids || (!!r.orgGuid && orgGuids.includes(r.orgGuid))) &&
      (!userGuids || userGuids.includes(r.userGuid)) &&
      matchesTimestamps(r, query),
  );
  const { list, pageItems } = paginate(sortItems(roles, query), query, `${ctx.present.base}/v3/roles`, (r) =>
    ctx.present.role(r),
  );
  const body =
    query.include.length > 0 ? { ...list, included: included(ctx, pageItems, query.include) } : list;
  return { status: 200, body };
}

function get(req: Request, ctx: Ctx): Reply {
  const query = parseListQuery(req, GET_SPEC);
  const role = ctx.world.roles.get(req.params.guid ?? "");
  if (!role || !visible(ctx, role)) throw notFound("Role");
  const body = ctx.present.role(role);
  return {
    status: 200,
    body: query.include.length > 0 ? { ...body, included: included(ctx, [role], query.include) } : body,
  };
}

export function registerRoles(router: Router<Ctx>): void {
  router.on("GET", "/v3/roles", list).on("GET", "/v3/roles/:guid", get);
}
