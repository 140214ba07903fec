import "server-only";
import type { ServerSession } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { getOrganization } from "@/lib/cf/orgs";
import { listUserRoles } from "@/lib/cf/roles";
import type { Organization } from "@/lib/cf/schemas";
import { cfClientFor } from "@/lib/auth/cf-client";
import { listSpaces } from "@/lib/cf/spaces";
import { loadCatalog } from "@/lib/egress/load-catalog";
import { profiles } from "@/lib/egress/load-profiles";
import { failure, MESSAGES, POLICY_MESSAGES, type Failure } from "@/lib/failures";
import { getDatabase, type AppDatabase } from "@/lib/db";
import { decide, type Decision } from "@/lib/permissions";
import { refusalFailure } from "@/lib/permissions/failure";
import { describeError, log } from "@/lib/log";
import { validatePolicy, type PolicyContext, type PolicyWarning } from "@/lib/policy";
import { jsonSyntaxError } from "@/lib/policy/json-syntax";
import { readBeforeChange } from "./apply";
import {
  policyChangeMessage,
  policyEnvelope,
  policyStateOf,
  type PolicyEnvelope,
} from "@/lib/view-models/org-policy";

/**
 * Writing an org's policy (docs/design.md §10), the one path behind both the
 * policy page's form and `PUT /api/orgs/:orgGuid/policy`. The checks come in
 * the order the API promises: the org is visible to the caller (else 404),
 * the caller manages it (else 403), the document is valid (else 400/422 with
 * field errors); then the write, which is refused if the policy changed since
 * the revision the caller read (412). Permissions are CF's, read with the
 * caller's own token.
 */

export function policyContext(): PolicyContext {
  return { profiles: profiles(), catalog: loadCatalog() };
}

/** The org as the caller sees it and whether they may edit its policy; null when CF does not show it. */
export async function policyAccess(
  client: CfClient,
  user: ServerSession["user"],
  orgGuid: string,
): Promise<{ org: Organization; edit: Decision } | null> {
  const [org, roles] = await Promise.all([getOrganization(client, orgGuid), listUserRoles(client, user.id)]);
  if (!org) return null;
  return { org, edit: decide("edit-org-policy", { ...user, roles }, org) };
}

/**
 * A request body as the caller sent it: parsed JSON, or text that is not JSON
 * with what a person needs to fix it (the line, the column and what was
 * expected there; without a message, MESSAGES.policyNotJson).
 */
export type PolicyInput = { ok: true; document: unknown } | { ok: false; message?: string };

export function parsePolicyText(text: string): PolicyInput {
  try {
    return { ok: true, document: JSON.parse(text) as unknown };
  } catch {
    const error = jsonSyntaxError(text);
    return error
      ? { ok: false, message: POLICY_MESSAGES.notJsonAt(error.line, error.column, error.reason) }
      : { ok: false };
  }
}

export type SavePolicy = {
  orgGuid: string;
  input: PolicyInput;
  /** The revision the caller read; null writes over whatever is stored. */
  expectedRevision: number | null;
  via: "page" | "api";
  requestId: string;
};

export type SaveResult =
  | { ok: true; envelope: PolicyEnvelope; warnings: PolicyWarning[] }
  | { ok: false; failure: Failure; currentRevision?: number };

async function openStore(): Promise<AppDatabase | Failure> {
  try {
    return await getDatabase();
  } catch (error) {
    log.error({ err: describeError(error) }, "history: store unavailable for a policy write");
    return failure("unavailable", MESSAGES.databaseUnavailable);
  }
}

export async function savePolicy(session: ServerSession, save: SavePolicy): Promise<SaveResult> {
  const client = cfClientFor(session);
  // A read that fails is said as one: nothing was written (the form's action would otherwise word
  // the exception as a change that may have been made).
  const [access, spaces] = await readBeforeChange(() =>
    Promise.all([
      policyAccess(client, session.user, save.orgGuid),
      // For the "matches no space" warnings (an org CF does not show has no spaces in this list).
      listSpaces(client, { orgGuids: [save.orgGuid] }),
    ]),
  );
  if (!access) return { ok: false, failure: failure("not-found", MESSAGES.orgGone) };
  const refusal = refusalFailure(access.edit);
  if (refusal) return { ok: false, failure: refusal };
  if (!save.input.ok)
    return { ok: false, failure: failure("invalid", save.input.message ?? MESSAGES.policyNotJson) };

  const context = policyContext();
  const checked = validatePolicy(save.input.document, {
    ...context,
    spaceNames: spaces
      .filter((s) => s.relationships.organization.data.guid === save.orgGuid)
      .map((s) => s.name),
  });
  if (!checked.ok) {
    const message = [MESSAGES.policyInvalid, ...checked.formErrors.map((e) => `The policy ${e}.`)].join(" ");
    return { ok: false, failure: { kind: "invalid", message, fieldErrors: checked.fieldErrors } };
  }

  const store = await openStore();
  if ("kind" in store) return { ok: false, failure: store };
  const user = { guid: session.user.id, name: session.user.name };
  let written: Awaited<ReturnType<AppDatabase["writePolicy"]>>;
  try {
    // The revision is known only inside the transaction; the sentence names the one this write makes.
    const revision = save.expectedRevision === null ? null : save.expectedRevision + 1;
    written = await store.writePolicy({
      user,
      orgGuid: save.orgGuid,
      document: checked.policy,
      expectedVersion: save.expectedRevision,
      message: policyChangeMessage(checked.policy, revision, save.via),
      requestId: save.requestId,
    });
  } catch (error) {
    log.error({ err: describeError(error), orgGuid: save.orgGuid }, "history: policy not written");
    return { ok: false, failure: failure("unavailable", MESSAGES.databaseUnavailable) };
  }
  if (!written.ok) {
    return {
      ok: false,
      failure: failure("conflict", MESSAGES.policyConflict),
      currentRevision: written.conflict.currentVersion,
    };
  }
  const state = policyStateOf(written.stored, context, MESSAGES.policyUnavailable);
  return {
    ok: true,
    envelope: policyEnvelope(access.org, state, true, checked.warnings),
    warnings: checked.warnings,
  };
}
