import "server-only";
import { callerOf } from "@/lib/auth/bearer";
import { cfClientFor } from "@/lib/auth/cf-client";
import { getServerSession, type ServerSession, type SignedInUser } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { isGuid } from "@/lib/cf/ids";
import { errorResponse, failure, MESSAGES, toFailure, type Failure } from "@/lib/failures";
import { currentRequestId, describeError, log } from "@/lib/log";

/**
 * The one wrapper of every route handler that answers data (the JSON API
 * and the CSV downloads), as lib/actions' defineAction is for server
 * actions: the caller first (401 in the one error body, not a redirect: a
 * fetch or a download expects data), then each path parameter, which must be
 * a guid (a malformed one could name nothing, and must not reach a CF URL:
 * 404), then the work with the caller's own CF client; any exception becomes
 * the one error body (lib/failures/http.ts) with the request id, never an
 * HTML error page or a stack trace.
 */

export type RouteContext<K extends string> = {
  request: Request;
  params: Record<K, string>;
  session: ServerSession;
  user: SignedInUser;
  client: CfClient;
  /** How the caller proved who they are: the browser's session, or a user's UAA token. */
  via: "session" | "bearer";
  requestId: string;
};

export type RouteSpec<K extends string> = {
  /** Each path parameter, with what a 404 says when it is not a guid (e.g. MESSAGES.orgGone). */
  params: Record<K, string>;
  /** Whether a pipeline may call with `Authorization: bearer <a user's UAA token>` (the policy API). */
  bearer?: boolean;
  /**
   * For a download a person may open in the browser (the CSVs): the page of the app whose not-found
   * page says why, e.g. the org's page for an org CF does not show. A not-found answer to a request
   * that accepts HTML is then a redirect there (303), so the browser shows the app's not-found page
   * (status 404) rather than a JSON error body; every other caller still gets the one error body.
   * (A route handler cannot render a page itself.) The parameters come encoded for a path.
   */
  notFoundPage?: (params: Record<K, string>) => string;
};

type Handler<K extends string> = (
  request: Request,
  context: { params: Promise<Record<K, string>> },
) => Promise<Response>;

async function callerFor(request: Request, bearer: boolean) {
  if (!bearer) {
    const session = await getServerSession();
    return session ? { session, via: "session" as const } : null;
  }
  return callerOf(request);
}

/** A browser's navigation asks for HTML first; fetchJson, curl and pipelines do not. */
function acceptsHtml(request: Request): boolean {
  return /(^|,)\s*text\/html\b/i.test(request.headers.get("accept") ?? "");
}

export function defineRoute<K extends string>(
  spec: RouteSpec<K>,
  handle: (ctx: RouteContext<K>) => Promise<Response>,
): Handler<K> {
  const { notFoundPage } = spec;
  if (!notFoundPage) return answer(spec, handle);
  const inner = answer(spec, handle);
  return async (request, context) => {
    const response = await inner(request, context);
    if (response.status !== 404 || !acceptsHtml(request)) return response;
    // Each parameter encoded for a path: a malformed one must not break the Location header.
    const values = Object.entries<string>(await context.params).map(([k, v]) => [k, encodeURIComponent(v)]);
    const page = notFoundPage(Object.fromEntries(values) as Record<K, string>);
    return new Response(null, {
      status: 303,
      headers: {
        Location: page,
        "Cache-Control": "no-store",
        "X-Request-Id": response.headers.get("X-Request-Id") ?? "",
      },
    });
  };
}

function answer<K extends string>(
  spec: RouteSpec<K>,
  handle: (ctx: RouteContext<K>) => Promise<Response>,
): Handler<K> {
  return async (request, { params }) => {
    const requestId = await currentRequestId();
    try {
      const caller = await callerFor(request, spec.bearer ?? false);
      if (caller === "invalid") return errorResponse(failure("sign-in", MESSAGES.bearerNotUser), requestId);
      if (caller === null) return errorResponse(failure("sign-in", MESSAGES.signIn), requestId);
      const values = await params;
      for (const [name, notFound] of Object.entries<string>(spec.params)) {
        if (!isGuid(values[name as K] ?? "")) return errorResponse(failure("not-found", notFound), requestId);
      }
      return await handle({
        request,
        params: values,
        session: caller.session,
        user: caller.session.user,
        client: cfClientFor(caller.session),
        via: caller.via,
        requestId,
      });
    } catch (error) {
      const f = toFailure(error, "read");
      log.error({ requestId, err: describeError(error), kind: f.kind }, "route handler failed");
      return errorResponse(f, requestId);
    }
  };
}

/** A refusal the handler decided itself, in the one error body. */
export function refuse(ctx: { requestId: string }, f: Failure): Response {
  return errorResponse(f, ctx.requestId);
}
