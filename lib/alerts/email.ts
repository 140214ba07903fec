import nodemailer from "nodemailer";
import { alertPayloadSchema, alertSubject } from "@/lib/alert-format/payload";
import type { SendResult } from "./webhook";

/**
 * An alert by email (SMTP_URL, through nodemailer): the same one-line text
 * as the webhook's, with the JSON below it for anyone who files alerts, and a
 * subject naming the org and the kind. The SMTP server is the operator's,
 * configured, not typed by a user: the outbound guard is for webhooks.
 */

export type EmailRequest = { smtpUrl: string; from: string; to: string; body: string; timeoutMs: number };

export async function sendEmail(request: EmailRequest): Promise<SendResult> {
  const payload = alertPayloadSchema.parse(JSON.parse(request.body));
  const transport = nodemailer.createTransport(request.smtpUrl, {
    connectionTimeout: request.timeoutMs,
    greetingTimeout: request.timeoutMs,
    socketTimeout: request.timeoutMs,
  });
  try {
    await transport.sendMail({
      from: request.from,
      to: request.to,
      subject: alertSubject(payload),
      text: `${payload.text}\n\n${JSON.stringify(payload, null, 2)}\n`,
      headers: { "Idempotency-Key": payload.idempotency_key },
    });
    return { ok: true, status: null };
  } catch (error) {
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    const why = responseCode ? `the SMTP server answered ${responseCode}` : (code ?? "no answer");
    return { ok: false, status: null, error: `Could not send the email: ${why}` };
  } finally {
    transport.close();
  }
}
