import "server-only";
import { type z } from "zod";
import { getServerSession, type ServerSession } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { cfClientFor } from "@/lib/auth/cf-client";
import { MESSAGES, toFailure, type FailureKind } from "@/lib/failures";
import { currentRequestId, describeError, log, type Logger } from "@/lib/log";
import type { ActionFailure, ActionResult } from "./result";

/**
 * The one wrapper of every server action (docs/design.md §2, §11): the session
 * first, then zod on every argument (ids bound on the client included), then
 * the work with the user's own CF client, and any exception turned into
 * `{ ok: false, message }`, logged with the request id. No action throws, so
 * no control that awaits one can stay pending on a thrown error.
 */

export type ActionContext = {
  session: ServerSession;
  client: CfClient;
  requestId: string;
  log: Logger;
};

function refusal(kind: FailureKind, message: string, fieldErrors?: Record<string, string[]>): ActionFailure {
  return { ok: false, kind, message, ...(fieldErrors ? { fieldErrors } : {}) };
}

/** zod's issues as messages per field (the first path segment names the field). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "_";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

type Work<S extends z.ZodType, T extends object> = (
  input: z.output<S>,
  ctx: ActionContext,
) => Promise<ActionResult<T>>;

/**
 * Typed for its callers by its schema's input, so tsc checks what a client
 * component passes; parsed as unknown all the same, since a request can
 * carry anything.
 */
export function defineAction<S extends z.ZodType, T extends object>(
  name: string,
  schema: S,
  work: Work<S, T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return (input: unknown) => run(name, schema, work, input);
}

/** What a form action gives back: the result, and what the user typed, so nothing they typed is lost. */
export type FormState<T extends object = object> =
  { status: "idle" } | ({ status: "done"; values: Record<string, string | string[]> } & ActionResult<T>);

/** A form's fields as strings (repeated fields as lists); Next's own `$ACTION` fields left out. */
export function formValues(data: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(data.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = data.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length === 1 ? (all[0] ?? "") : all;
  }
  return values;
}

/**
 * The same wrapper for `<form action>` with useActionState: works without
 * JavaScript, and answers with field errors next to what the user typed.
 */
export function defineFormAction<S extends z.ZodType, T extends object>(
  name: string,
  schema: S,
  work: Work<S, T>,
): (previous: FormState<T>, data: FormData) => Promise<FormState<T>> {
  return async (_previous, data) => {
    let values: Record<string, string | string[]> = {};
    try {
      values = formValues(data);
    } catch {
      // Not form data: the schema below refuses the empty object with field errors.
    }
    const result = await run(name, schema, work, values);
    return { status: "done", values, ...result };
  };
}

async function run<S extends z.ZodType, T extends object>(
  name: string,
  schema: S,
  work: Work<S, T>,
  input: unknown,
): Promise<ActionResult<T>> {
  const requestId = await currentRequestId();
  const logger = log.child({ requestId, action: name });
  try {
    const session = await getServerSession();
    if (!session) return refusal("sign-in", MESSAGES.signIn);
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      // Where the input went wrong, never what it held (a value may be anything a user typed).
      const paths = parsed.error.issues.map((issue) => issue.path.join(".") || "(input)");
      logger.info({ user: session.user.id, issues: paths }, "action input refused");
      return refusal("invalid", MESSAGES.invalidInput, fieldErrorsOf(parsed.error));
    }
    const userLog = logger.child({ user: session.user.id });
    const result = await work(parsed.data, {
      session,
      client: cfClientFor(session),
      requestId,
      log: userLog,
    });
    if (!result.ok) userLog.info({ kind: result.kind }, "action refused");
    return result;
  } catch (error) {
    const { kind, message } = toFailure(error, "write");
    logger.error({ err: describeError(error), kind }, "action failed");
    return refusal(kind, message);
  }
}

/** A refusal decided by the dashboard itself, in the action result shape. */
export function refuse(kind: FailureKind, message: string): ActionFailure {
  return refusal(kind, message);
}

/** A Failure (from toFailure) as an action result, field errors included. */
export function refuseWith(f: {
  kind: FailureKind;
  message: string;
  fieldErrors?: Record<string, string[]>;
}): ActionFailure {
  return refusal(f.kind, f.message, f.fieldErrors);
}
