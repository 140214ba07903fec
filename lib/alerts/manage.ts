import "server-only";
import { z } from "zod";
import type { SignedInUser } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { getOrganization } from "@/lib/cf/orgs";
import { listUserRoles } from "@/lib/cf/roles";
import type { Organization } from "@/lib/cf/schemas";
import { getDatabase } from "@/lib/db";
import type { DeliveryRow, DestinationSummary } from "@/lib/db/alert-types";
import { env } from "@/lib/env";
import { failure, MESSAGES, type Failure } from "@/lib/failures";
import { decide, type Decision } from "@/lib/permissions";
import { refusalFailure } from "@/lib/permissions/failure";
import { sendSettings } from "./index";
import { checkWebhookUrl } from "./outbound-guard";
import { alertBody, type AlertKind } from "@/lib/alert-format/payload";
import { sealSecret } from "./secret-box";
import { sendTo } from "./send";
import { newWebhookSecret } from "./signature";

/**
 * What the alerts page and its actions do (docs/design.md §12), each checked
 * as the policy's writes are: the org visible to the caller in CF with their
 * own token (else not found), then the caller's role through lib/permissions
 * (an OrgManager of the org or an admin), then the input; only then a write.
 */

export type AlertsAccess = { org: Organization; manage: Decision };

export async function alertsAccess(
  client: CfClient,
  user: SignedInUser,
  orgGuid: string,
): Promise<AlertsAccess | null> {
  const [org, roles] = await Promise.all([getOrganization(client, orgGuid), listUserRoles(client, user.id)]);
  if (!org) return null;
  return { org, manage: decide("manage-org-alerts", { ...user, roles }, org) };
}

/** Why email destinations cannot be added here, or null when they can. */
export function emailUnavailable(): string | null {
  return env().smtpUrl === undefined
    ? "Email alerts are off on this dashboard: its operator has not set SMTP_URL (docs/configuration.md)."
    : null;
}

type Checked<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** The org and the caller's right to manage its alerts, as a failure when either is missing. */
async function managed(
  client: CfClient,
  user: SignedInUser,
  orgGuid: string,
): Promise<Checked<Organization>> {
  const access = await alertsAccess(client, user, orgGuid);
  if (!access) return { ok: false, failure: failure("not-found", MESSAGES.notFound) };
  const refused = refusalFailure(access.manage);
  return refused ? { ok: false, failure: refused } : { ok: true, value: access.org };
}

const emailSchema = z.email({ error: "must be an email address, e.g. platform-team@agency.gov" });

export type NewDestinationInput = { orgGuid: string; channel: "webhook" | "email"; target: string };

/** Adds a destination; a webhook's secret comes back once, to be shown once. */
export async function addDestination(
  client: CfClient,
  user: SignedInUser,
  input: NewDestinationInput,
): Promise<Checked<{ id: number; secret: string | null }> & { fieldErrors?: Record<string, string[]> }> {
  const org = await managed(client, user, input.orgGuid);
  if (!org.ok) return org;
  // `message` is a predicate ("must be …", "is refused: …"); the sentence names what it is said of.
  const invalid = (message: string, subject = "it") => ({
    ok: false as const,
    failure: failure("invalid", `The destination was not added: ${subject} ${message}.`),
    fieldErrors: { target: [message] },
  });
  const store = await getDatabase();
  if (input.channel === "email") {
    const unavailable = emailUnavailable();
    if (unavailable) return { ok: false, failure: failure("invalid", unavailable) };
    const parsed = emailSchema.safeParse(input.target);
    if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? "must be an email address");
    const id = await store.alerts.addDestination({
      orgGuid: input.orgGuid,
      orgName: org.value.name,
      channel: "email",
      target: parsed.data,
      secret: null,
      createdBy: user.name,
    });
    return { ok: true, value: { id, secret: null } };
  }
  const settings = sendSettings();
  const checked = await checkWebhookUrl(input.target, settings.rule, settings.resolve);
  if (!checked.ok) return invalid(checked.message, "its URL");
  const secret = newWebhookSecret();
  const id = await store.alerts.addDestination({
    orgGuid: input.orgGuid,
    orgName: org.value.name,
    channel: "webhook",
    target: checked.url.toString(),
    secret: sealSecret(secret, settings.authSecret),
    createdBy: user.name,
  });
  return { ok: true, value: { id, secret } };
}

export async function removeDestination(
  client: CfClient,
  user: SignedInUser,
  input: { orgGuid: string; destinationId: number },
): Promise<Checked<null>> {
  const org = await managed(client, user, input.orgGuid);
  if (!org.ok) return org;
  const removed = await (await getDatabase()).alerts.removeDestination(input.orgGuid, input.destinationId);
  return removed
    ? { ok: true, value: null }
    : {
        ok: false,
        failure: failure("not-found", "That destination is no longer there: nothing was removed."),
      };
}

export async function saveKinds(
  client: CfClient,
  user: SignedInUser,
  input: { orgGuid: string; kinds: readonly AlertKind[] },
): Promise<Checked<null>> {
  const org = await managed(client, user, input.orgGuid);
  if (!org.ok) return org;
  await (await getDatabase()).alerts.setSubscriptions(input.orgGuid, org.value.name, input.kinds);
  return { ok: true, value: null };
}

/** "Send a test": one attempt now, through the same guard and signature as a delivery; nothing is queued. */
export async function sendTest(
  client: CfClient,
  user: SignedInUser,
  input: { orgGuid: string; destinationId: number },
): Promise<Checked<{ status: number | null }>> {
  const org = await managed(client, user, input.orgGuid);
  if (!org.ok) return org;
  const destination = await (await getDatabase()).alerts.destination(input.orgGuid, input.destinationId);
  if (!destination) {
    return {
      ok: false,
      failure: failure("not-found", "That destination is no longer there: nothing was sent."),
    };
  }
  const now = Date.now();
  const id = `test-${now}-${crypto.randomUUID().slice(0, 8)}`;
  const body = alertBody(
    {
      id,
      kind: "test",
      orgGuid: org.value.guid,
      space: null,
      occurredAt: now,
      window: null,
      cause: `${user.name} pressed "Send a test"`,
      summary: "a test of this destination; no egress changed",
    },
    org.value.name,
  );
  const result = await sendTo(destination, { body, idempotencyKey: id }, sendSettings());
  return result.ok
    ? { ok: true, value: { status: result.status } }
    : { ok: false, failure: failure("unavailable", `The test was not delivered: ${result.error}.`) };
}

/** How many deliveries the page lists. */
const DELIVERIES_SHOWN = 50;

export type AlertsPage = {
  org: Organization;
  manage: Decision;
  kinds: AlertKind[];
  /** For managers: the destinations, their counts, and the latest deliveries. Others see how many there are. */
  destinations: DestinationSummary[];
  deliveries: DeliveryRow[];
  destinationCount: number;
  emailUnavailable: string | null;
};

/** The alerts page's reads; null when CF does not show the org to the caller. */
export async function loadAlertsPage(
  client: CfClient,
  user: SignedInUser,
  orgGuid: string,
): Promise<AlertsPage | null> {
  const access = await alertsAccess(client, user, orgGuid);
  if (!access) return null;
  const { alerts } = await getDatabase();
  const [kinds, destinations, deliveries] = await Promise.all([
    alerts.subscriptions(orgGuid),
    alerts.destinations(orgGuid),
    access.manage.allowed ? alerts.deliveries(orgGuid, DELIVERIES_SHOWN) : Promise.resolve([]),
  ]);
  // A webhook URL may itself be a credential (a chat's incoming-webhook URL): only managers see targets.
  return {
    ...access,
    kinds,
    destinations: access.manage.allowed ? destinations : [],
    deliveries,
    destinationCount: destinations.length,
    emailUnavailable: emailUnavailable(),
  };
}
