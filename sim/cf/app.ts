import { Router, type Reply, type Request } from "../http";
import type { World } from "../world";
import { Access } from "./access";
import { checkScopeGate, TokenVerifier, type Caller } from "./auth";
import type { Ctx } from "./context";
import { CfError, unknownError } from "./errors";
import { Presenter } from "./present";
import { registerIsolationSegments } from "./routes/isolation-segments";
import { registerJobs } from "./routes/jobs";
import { registerOrgs } from "./routes/orgs";
import { registerRoles } from "./routes/roles";
import { registerRoot } from "./routes/root";
import { registerSecurityGroups } from "./routes/security-groups";
import { registerSpaces } from "./routes/spaces";
import { registerUsers } from "./routes/users";
import type { RuleFlags } from "./rules";

/** The CF API v3 subset: routing, token checks and the scope gate, then the resource handlers. */

export type CfApiOptions = {
  /** The CF API's own address, used in links. */
  apiUrl: string;
  uaaUrl: string;
  flags: RuleFlags;
  world: () => World;
};

export type CfResult = { reply: Reply; caller: Caller | null };

const PUBLIC_PATHS = new Set(["/", "/v3", "/v3/info"]);

export class CfApi {
  private readonly router = new Router<Ctx>();
  private readonly verifier: TokenVerifier;
  private readonly present: Presenter;

  constructor(private readonly options: CfApiOptions) {
    this.verifier = new TokenVerifier(options.uaaUrl);
    this.present = new Presenter(options.apiUrl);
    registerRoot(this.router, { api: options.apiUrl, uaa: options.uaaUrl, login: options.uaaUrl });
    registerOrgs(this.router);
    registerSpaces(this.router);
    registerRoles(this.router);
    registerUsers(this.router);
    registerSecurityGroups(this.router);
    registerIsolationSegments(this.router);
    registerJobs(this.router);
  }

  /** Who is calling, from the token alone (null when absent or invalid); handles nothing. */
  async identify(req: Request): Promise<Caller | null> {
    try {
      return await this.verifier.authenticate(req.headers.authorization);
    } catch {
      return null;
    }
  }

  async handle(req: Request): Promise<CfResult> {
    let caller: Caller | null = null;
    try {
      const found = this.router.match(req.method, req.path);
      if (!("handler" in found)) {
        return {
          caller,
          reply:
            found.allowed.length > 0
              ? { status: 405, headers: { Allow: found.allowed.join(", ") } }
              : new CfError(404, "CF-NotFound", 10000, "Unknown request").toReply(),
        };
      }
      req.params = found.params;
      const world = this.options.world();
      if (!PUBLIC_PATHS.has(req.path)) {
        const authorization = req.headers.authorization;
        caller = await this.verifier.authenticate(authorization);
        checkScopeGate(caller, req.method);
      }
      const effectiveCaller: Caller = caller ?? { guid: "", isUser: false, scopes: new Set() };
      let access: Access | undefined;
      const ctx: Ctx = {
        world,
        present: this.present,
        flags: this.options.flags,
        caller: effectiveCaller,
        get access() {
          access ??= new Access(world, effectiveCaller);
          return access;
        },
      };
      const reply = await found.handler(req, ctx);
      if (caller) reply.headers = { ...reply.headers, "X-USER-GUID": caller.guid };
      return { caller, reply };
    } catch (error) {
      if (error instanceof CfError) return { caller, reply: error.toReply() };
      console.error("stand-in CF API error:", error);
      return { caller, reply: unknownError().toReply() };
    }
  }
}
