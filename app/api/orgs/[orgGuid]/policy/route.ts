import { publicOrigin } from "@/lib/auth/origin";
import { parsePolicyText, policyAccess, policyContext, savePolicy } from "@/lib/changes/policy";
import { readStoredPolicy } from "@/lib/db/page-reads";
import { failure, MESSAGES } from "@/lib/failures";
import { defineRoute, refuse } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/responses";
import { etagOf, parseIfMatch, policyEnvelope, policyStateOf } from "@/lib/view-models/org-policy";

export const dynamic = "force-dynamic";

/**
 * The org's egress policy as code (docs/design.md §10, docs/policy-as-code.md):
 * `GET` answers the document with its revision (also the ETag); `PUT`
 * replaces it. Callers are a signed-in browser or a pipeline with a user's
 * UAA token (`Authorization: bearer …`); CF decides what either may do, with
 * their own token. Failures are the one error body (lib/failures/http.ts):
 * 401 no session or token, 404 an org CF does not show the caller, 403 not an
 * org manager or admin, 400 not JSON, 422 invalid (with fieldErrors), 412 the
 * policy changed since the revision in If-Match.
 */

/** The largest document a PUT reads: 100 rules with 500-character notes fit many times over. */
const MAX_BODY_CHARS = 256 * 1024;

const json = (body: unknown, revision: number) => jsonResponse(body, { ETag: etagOf(revision) });

const route = { params: { orgGuid: MESSAGES.orgGone }, bearer: true };

export const GET = defineRoute(route, async (ctx) => {
  const { orgGuid } = ctx.params;
  const [access, stored] = await Promise.all([
    policyAccess(ctx.client, ctx.user, orgGuid),
    readStoredPolicy(orgGuid),
  ]);
  if (!access) return refuse(ctx, failure("not-found", MESSAGES.orgGone));
  if (stored === "unavailable") return refuse(ctx, failure("unavailable", MESSAGES.databaseUnavailable));
  const state = policyStateOf(stored, policyContext(), MESSAGES.policyUnavailable);
  return json(policyEnvelope(access.org, state, access.edit.allowed), state.revision);
});

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

export const PUT = defineRoute(route, async (ctx) => {
  if (ctx.via === "session" && (await crossSite(ctx.request))) {
    return refuse(ctx, failure("forbidden", "A cross-site request to change the policy was refused."));
  }
  const expected = parseIfMatch(ctx.request.headers.get("if-match"));
  if (expected === "malformed") {
    return refuse(
      ctx,
      failure("invalid", 'If-Match must name one revision, as the ETag of a GET does (e.g. "3"), or be *.'),
    );
  }
  const text = await ctx.request.text();
  const result = await savePolicy(ctx.session, {
    orgGuid: ctx.params.orgGuid,
    input: text.length > MAX_BODY_CHARS ? { ok: false } : parsePolicyText(text),
    expectedRevision: expected,
    via: ctx.via === "bearer" ? "api" : "page",
    requestId: ctx.requestId,
  });
  if (result.ok) return json(result.envelope, result.envelope.revision);
  const response = refuse(ctx, result.failure);
  if (result.currentRevision !== undefined) response.headers.set("ETag", etagOf(result.currentRevision));
  return response;
});
