import type { Destination } from "@/lib/db/alert-types";
import { sendEmail } from "./email";
import type { GuardRule, Resolver } from "./outbound-guard";
import { openSecret } from "./secret-box";
import { sendWebhook, type SendResult } from "./webhook";

/** What sending needs besides the delivery: the rules of this deployment, and its secrets. */
export type SendSettings = {
  rule: GuardRule;
  resolve: Resolver;
  timeoutMs: number;
  /** Opens the webhooks' sealed secrets (lib/alerts/secret-box.ts). */
  authSecret: string;
  smtpUrl: string | undefined;
  smtpFrom: string;
};

/** One attempt of one alert to one destination; never throws. */
export async function sendTo(
  destination: Destination,
  alert: { body: string; idempotencyKey: string },
  settings: SendSettings,
): Promise<SendResult> {
  try {
    if (destination.channel === "email") {
      if (settings.smtpUrl === undefined) {
        return {
          ok: false,
          status: null,
          error: "Email is not configured on this dashboard (SMTP_URL is unset)",
        };
      }
      return await sendEmail({
        smtpUrl: settings.smtpUrl,
        from: settings.smtpFrom,
        to: destination.target,
        body: alert.body,
        timeoutMs: settings.timeoutMs,
      });
    }
    if (destination.secret === null) return { ok: false, status: null, error: "The webhook has no secret" };
    return await sendWebhook({
      url: destination.target,
      body: alert.body,
      secret: openSecret(destination.secret, settings.authSecret),
      idempotencyKey: alert.idempotencyKey,
      rule: settings.rule,
      resolve: settings.resolve,
      timeoutMs: settings.timeoutMs,
    });
  } catch (error) {
    return {
      ok: false,
      status: null,
      error: `Could not send: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
