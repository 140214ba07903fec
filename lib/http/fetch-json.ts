import { z } from "zod";
import type { Failure, FailureKind } from "@/lib/failures/failure";
import { MESSAGES } from "@/lib/failures/messages";

/**
 * How the browser reads the dashboard's own JSON routes: the answer is
 * checked against a zod schema, never cast, and every way a read can fail
 * (no connection, the one error body of lib/failures/http.ts, an answer that
 * is not JSON or not the expected shape) comes back as one Failure with a
 * sentence for a person. It never throws. Imported by client components, so
 * nothing here may reach for the server.
 */

export type JsonResult<T> =
  | { ok: true; value: T }
  /** `status`: the HTTP status the dashboard answered; absent when no answer came. */
  | { ok: false; failure: Failure; status?: number };

const KINDS = [
  "sign-in",
  "forbidden",
  "suspended",
  "not-found",
  "invalid",
  "conflict",
  "rate-limited",
  "unavailable",
  "unconfirmed",
  "internal",
] as const satisfies readonly FailureKind[];

// Fails to compile when a kind is added to the failure model but not to the list above.
type Unlisted = Exclude<FailureKind, (typeof KINDS)[number]>;
const _everyKind: [Unlisted] extends [never] ? true : Unlisted = true;

/** The one error body of the dashboard's routes (lib/failures/http.ts). */
export const errorBodySchema = z.object({
  error: z.object({
    // A kind this page does not know (a newer server) is still a failure, with the server's words.
    kind: z.enum(KINDS).catch("internal"),
    message: z.string(),
    status: z.number().optional(),
    code: z.number().optional(),
    title: z.string().optional(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

const unreadable = (status: number): JsonResult<never> => ({
  ok: false,
  failure: { kind: status >= 500 ? "unavailable" : "internal", message: MESSAGES.unreadableAnswer },
  status,
});

export async function fetchJson<S extends z.ZodType>(
  url: string,
  schema: S,
  init?: Omit<RequestInit, "headers">,
): Promise<JsonResult<z.output<S>>> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { cache: "no-store", ...init, headers: { Accept: "application/json" } });
    text = await response.text();
  } catch {
    return { ok: false, failure: { kind: "unavailable", message: MESSAGES.serverUnreachable } };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return unreadable(response.status);
  }
  if (!response.ok) {
    const error = errorBodySchema.safeParse(body);
    return error.success
      ? { ok: false, failure: error.data.error, status: response.status }
      : unreadable(response.status);
  }
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : unreadable(response.status);
}
