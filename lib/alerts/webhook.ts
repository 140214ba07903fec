import http from "node:http";
import https from "node:https";
import {
  guardedLookup,
  literalRefusal,
  OutboundRefused,
  urlRefusal,
  type GuardRule,
  type Resolver,
} from "./outbound-guard";
import { IDEMPOTENCY_HEADER, sign, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature";

/**
 * One POST of an alert to a webhook (docs/design.md §12): the exact body,
 * signed; the outbound guard checked again on the address connected to; no
 * redirect followed (a 3xx is a failure that says so); a short timeout; the
 * response's body read and thrown away: only its status is kept, since a
 * receiver's answer may hold anything and the page shows what is stored.
 */

export type SendResult =
  { ok: true; status: number | null } | { ok: false; status: number | null; error: string };

export type WebhookRequest = {
  url: string;
  body: string;
  secret: string;
  idempotencyKey: string;
  rule: GuardRule;
  resolve: Resolver;
  timeoutMs: number;
  /** Unix seconds (tests pin it). */
  nowS?: number;
};

export function sendWebhook(request: WebhookRequest): Promise<SendResult> {
  const checked = urlRefusal(request.url, request.rule);
  if (!checked.ok)
    return Promise.resolve({ ok: false, status: null, error: `The webhook URL ${checked.message}` });
  const { url } = checked;
  const literal = literalRefusal(url, request.rule);
  if (literal) return Promise.resolve({ ok: false, status: null, error: literal });

  const timestamp = request.nowS ?? Math.floor(Date.now() / 1000);
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = transport.request(
      url,
      {
        method: "POST",
        // A fresh connection each time, so every send resolves and checks the host again.
        agent: false,
        lookup: guardedLookup(request.rule, request.resolve),
        timeout: request.timeoutMs,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(request.body),
          "User-Agent": "egress-dashboard-alerts/1",
          [IDEMPOTENCY_HEADER]: request.idempotencyKey,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: sign(request.secret, timestamp, request.body),
        },
      },
      (response) => {
        response.resume(); // the body is never stored nor shown
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) finish({ ok: true, status });
        else if (status >= 300 && status < 400)
          finish({
            ok: false,
            status,
            error: `The webhook answered HTTP ${status}, a redirect, which is not followed`,
          });
        else finish({ ok: false, status, error: `The webhook answered HTTP ${status}` });
      },
    );
    req.on("timeout", () => {
      req.destroy(new Error(`The webhook did not answer within ${request.timeoutMs / 1000} s`));
    });
    req.on("error", (error) => {
      const code = (error as { code?: string }).code;
      const message =
        error instanceof OutboundRefused || /did not answer/.test(error.message)
          ? error.message
          : `Could not reach the webhook: ${code ?? error.message}`;
      finish({ ok: false, status: null, error: message });
    });
    req.end(request.body);
  });
}
