import type { Reply, Request, Router } from "../../http";
import type { Ctx } from "../context";
import { notFound } from "../errors";

function get(req: Request, ctx: Ctx): Reply {
  const job = ctx.world.jobs.get(req.params.guid ?? "");
  if (!job) throw notFound("Job");
  const exists = job.resource.type === "security_group" && ctx.world.securityGroups.has(job.resource.guid);
  return { status: 200, body: ctx.present.job(job, exists) };
}

export function registerJobs(router: Router<Ctx>): void {
  router.on("GET", "/v3/jobs/:guid", get);
}
