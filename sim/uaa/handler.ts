/** Routing: one table of paths and methods, and the single place where errors become responses. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { UaaContext } from "./context";
import { OAuthError } from "./errors";
import { sendJson, sendOAuthError } from "./http";
import { authorize } from "./routes/authorize";
import { home, info, showLogin, submitLogin } from "./routes/login";
import { logout } from "./routes/logout";
import { checkToken, discovery, introspect, tokenKey, tokenKeys, userinfo } from "./routes/resources";
import { token } from "./routes/token";

type Route = (ctx: UaaContext, req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

const ROUTES: Record<string, { GET?: Route; POST?: Route }> = {
  // Discovery at both paths: libraries derive it from the issuer, which ends in /oauth/token.
  "/.well-known/openid-configuration": { GET: discovery },
  "/oauth/token/.well-known/openid-configuration": { GET: discovery },
  "/oauth/authorize": { GET: authorize },
  "/oauth/token": { POST: token },
  "/login": { GET: showLogin },
  "/login.do": { POST: submitLogin },
  "/logout.do": { GET: logout, POST: logout },
  "/info": { GET: info },
  "/": { GET: home },
  "/token_keys": { GET: tokenKeys },
  "/token_key": { GET: tokenKey },
  "/userinfo": { GET: userinfo, POST: userinfo },
  "/introspect": { POST: introspect },
  "/check_token": { POST: checkToken },
};

export function createHandler(ctx: UaaContext) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? "/", ctx.baseUrl);
      const routes = ROUTES[url.pathname];
      if (!routes) {
        return sendJson(res, 404, { error: "not_found", error_description: `No endpoint ${url.pathname}` });
      }
      // HEAD is GET without a body; node:http drops the body by itself.
      const method = req.method === "HEAD" ? "GET" : req.method;
      const route = method === "GET" || method === "POST" ? routes[method] : undefined;
      if (!route) {
        return sendJson(
          res,
          405,
          { error: "method_not_allowed", error_description: `Request method '${req.method}' not supported` },
          { Allow: Object.keys(routes).join(", ") },
        );
      }
      await route(ctx, req, res, url);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof OAuthError) return sendOAuthError(res, error);
      // A bug in the stand-in: say so plainly rather than imitate a UAA failure.
      console.error("[sim/uaa]", error);
      sendJson(res, 500, { error: "server_error", error_description: "Internal error in the UAA stand-in" });
    }
  };
}
