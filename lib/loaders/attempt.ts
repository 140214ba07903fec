import "server-only";
import { redirect, unstable_rethrow } from "next/navigation";
import { getViewer, type Viewer } from "@/lib/auth/cf-client";
import { currentPath, signInPath } from "@/lib/auth/session";
import { toFailure, type Failure } from "@/lib/failures";
import { currentRequestId, describeError, log } from "@/lib/log";

export type Attempt<T> = { ok: true; value: T } | { ok: false; failure: Failure; requestId: string };

/**
 * Runs a page's reads as this request's viewer (lib/auth/cf-client.ts). No
 * session, a session that has ended, or a token CF refuses sends the user to
 * sign in again and back here; every other failure comes back as a Failure
 * the page shows in words with a retry, since production hides a thrown
 * error's message from error.tsx.
 */
export async function attempt<T>(load: (viewer: Viewer) => Promise<T>): Promise<Attempt<T>> {
  let failure: Failure;
  let requestId: string;
  try {
    return { ok: true, value: await load(await getViewer()) };
  } catch (error) {
    // Next's own control flow (redirect, notFound) is not a failure.
    unstable_rethrow(error);
    failure = toFailure(error, "read");
    requestId = await currentRequestId();
    if (failure.kind !== "sign-in")
      log.error({ requestId, err: describeError(error), kind: failure.kind }, "page read failed");
  }
  if (failure.kind === "sign-in") redirect(signInPath(await currentPath(), "expired"));
  return { ok: false, failure, requestId };
}

/**
 * attempt(), started now and awaited later by a streamed part of the page,
 * so that its CF reads go out alongside the reads the page awaits first (the
 * depth of docs/design.md §8). Only Next's redirect or not-found can reject it
 * (attempt rethrows them); that rejection is marked handled here, in case the
 * page ends, e.g. in a 404, before anything awaits it.
 */
export function attemptEarly<T>(load: (viewer: Viewer) => Promise<T>): Promise<Attempt<T>> {
  const started = attempt(load);
  started.catch(() => undefined);
  return started;
}
