import { publicOrigin } from "@/lib/auth/origin";
import { callerOf, type Caller } from "@/lib/auth/bearer";
import { parsePolicyText, policyAccess, policyContext, savePolicy } from "@/lib/changes/policy";
import { isGuid } from "@/lib/cf/ids";
import { cfClientFor } from "@/lib/cf/session-client";
import { failure, MESSAGES } from "@/lib/failures";
import { readStoredPolicy } from "@/lib/loaders/policy";
import { refuse, withRouteErrors } from "@/lib/loaders/route-errors";
import { currentRequestId } from "@/lib/log";
import { etagOf, parseIfMatch, policyEnvelope, policyStateOf } from "@/lib/view-models/org-policy";

export const dynamic = "force-dynamic";

/**
 * The org's egress policy as code (design.md §10, README "Policy as code"):
 * `GET` answers the document with its revision (also the ETag); `PUT`
 * replaces it. Callers are a signed-in browser or a pipeline with a user's
 * UAA token (`Authorization: bearer …`); CF decides what either may do, with
 * their own token. Failures are the one error body (lib/failures/http.ts):
 * 401 no session or token, 404 an org CF does not show the caller, 403 not an
 * org manager or admin, 400 not JSON, 422 invalid (with fieldErrors), 412 the
 * policy changed since the revision in If-Match.
 */

type Params = { params: Promise<{ orgGuid: string }> };

/** The largest document a PUT reads: 100 rules with 500-character notes fit many times over. */
const MAX_BODY_CHARS = 256 * 1024;

async function caller(request: Request): Promise<Caller | Response> {
  const found = await callerOf(request);
  if (found === "invalid") return refuse(failure("sign-in", MESSAGES.bearerNotUser));
  if (found === null) return refuse(failure("sign-in", MESSAGES.signIn));
  return found;
}

const json = (body: unknown, revision: number) =>
  Response.json(body, { headers: { "Cache-Control": "no-store", ETag: etagOf(revision) } });

export function GET(request: Request, { params }: Params) {
  return withRouteErrors(async () => {
    const who = await caller(request);
    if (who instanceof Response) return who;
    const { orgGuid } = await params;
    if (!isGuid(orgGuid)) return refuse(failure("not-found", MESSAGES.orgGone));
    const [access, stored] = await Promise.all([
      policyAccess(cfClientFor(who.session), who.session.user, orgGuid),
      readStoredPolicy(orgGuid),
    ]);
    if (!access) return refuse(failure("not-found", MESSAGES.orgGone));
    if (stored === "unavailable") return refuse(failure("unavailable", MESSAGES.databaseUnavailable));
    const state = policyStateOf(stored, policyContext(), MESSAGES.policyUnavailable);
    return json(policyEnvelope(access.org, state, access.canEdit), state.revision);
  });
}

/**
 * A browser session's PUT must come from the dashboard's own pages: a
 * cross-site request is refused even though SameSite cookies and CORS
 * already keep one from carrying the session. A bearer token is not sent
 * by browsers on their own, so it needs no such check.
 */
async function crossSite(request: Request): Promise<boolean> {
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  return origin !== null && origin !== (await publicOrigin(request.headers));
}

export function PUT(request: Request, { params }: Params) {
  return withRouteErrors(async () => {
    const who = await caller(request);
    if (who instanceof Response) return who;
    if (who.via === "session" && (await crossSite(request))) {
      return refuse(failure("forbidden", "A cross-site request to change the policy was refused."));
    }
    const { orgGuid } = await params;
    if (!isGuid(orgGuid)) return refuse(failure("not-found", MESSAGES.orgGone));
    const expected = parseIfMatch(request.headers.get("if-match"));
    if (expected === "malformed") {
      return refuse(
        failure("invalid", 'If-Match must name one revision, as the ETag of a GET does (e.g. "3"), or be *.'),
      );
    }
    const text = await request.text();
    const result = await savePolicy(who.session, {
      orgGuid,
      input: text.length > MAX_BODY_CHARS ? { ok: false } : parsePolicyText(text),
      expectedRevision: expected,
      via: who.via === "bearer" ? "api" : "page",
      requestId: await currentRequestId(),
    });
    if (result.ok) return json(result.envelope, result.envelope.revision);
    const response = await refuse(result.failure);
    if (result.currentRevision !== undefined) response.headers.set("ETag", etagOf(result.currentRevision));
    return response;
  });
}
