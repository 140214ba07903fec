import type { Reply, Request, Router } from "../../http";
import type { User } from "../../world";
import type { Ctx } from "../context";
import { badQueryParameter, notFound } from "../errors";
import { filterValues, matchesTimestamps, parseListQuery, type ListSpec } from "../query";
import { paginate, sortItems } from "../list-page";
import { matchesLabels } from "../label-selector";

const LIST_SPEC: ListSpec = {
  filters: ["guids", "usernames", "partial_usernames", "origins"],
  orderBy: ["created_at", "updated_at"],
  invalidStatus: 400,
  labelSelector: true,
};

/** Users who hold any role in the caller's orgs, plus the caller themself. */
function visibleUserGuids(ctx: Ctx): Set<string> | "all" {
  if (ctx.access.readsGlobally) return "all";
  const guids = new Set<string>([ctx.caller.guid]);
  for (const role of ctx.world.roles.values()) {
    const orgGuid = role.orgGuid ?? ctx.world.spaces.get(role.spaceGuid ?? "")?.orgGuid;
    if (orgGuid && ctx.access.canReadOrg(orgGuid)) guids.add(role.userGuid);
  }
  return guids;
}

function list(req: Request, ctx: Ctx): Reply {
  const query = parseListQuery(req, LIST_SPEC);
  const guids = filterValues(query, "guids");
  const usernames = filterValues(query, "usernames");
  const partial = filterValues(query, "partial_usernames");
  const origins = filterValues(query, "origins");
  if (usernames && partial) {
    throw badQueryParameter("Cannot filter by both usernames and partial_usernames");
  }
  if (origins && !usernames && !partial) {
    throw badQueryParameter(
      "Origins filter cannot be provided without usernames or partial_usernames filter",
    );
  }
  const allowed = visibleUserGuids(ctx);
  const users = [...ctx.world.users.values()].filter(
    (u: User) =>
      (allowed === "all" || allowed.has(u.guid)) &&
      (!guids || guids.includes(u.guid)) &&
      (!usernames || usernames.includes(u.username)) &&
      (!partial || partial.some((p) => u.username.includes(p))) &&
      (!origins || origins.includes(u.origin)) &&
      matchesTimestamps(u, query) &&
      matchesLabels({}, query.labelSelector),
  );
  const { list } = paginate(sortItems(users, query), query, `${ctx.present.base}/v3/users`, (u) =>
    ctx.present.user(u),
  );
  return { status: 200, body: list };
}

function get(req: Request, ctx: Ctx): Reply {
  const allowed = visibleUserGuids(ctx);
  const user = ctx.world.users.get(req.params.guid ?? "");
  if (!user || (allowed !== "all" && !allowed.has(user.guid))) throw notFound("User");
  return { status: 200, body: ctx.present.user(user) };
}

export function registerUsers(router: Router<Ctx>): void {
  router.on("GET", "/v3/users", list).on("GET", "/v3/users/:guid", get);
}
