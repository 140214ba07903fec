"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { Alert } from "./alert";
import { Button } from "./button";

/**
 * The one error state (design.md §11): what could not be loaded, why in
 * words, a reference for the platform team's logs, and a retry.
 *
 * Without `reset`, it stands in a page for the part whose read failed, in the
 * failure model's words (lib/failures), under the page's own heading.
 *
 * With `reset`, it is a route's error boundary (error.tsx) and takes the
 * page. In production Next hides a server error's message from the browser,
 * so it says what failed in general words and gives the error's digest,
 * which the server's log carries; and it offers to sign in again, in case
 * the session is what broke.
 */

const UNEXPECTED =
  "The dashboard or Cloud Foundry failed while preparing it. This usually passes: try again in a moment.";

export function ErrorState({
  what,
  message = UNEXPECTED,
  reference,
  reset,
}: {
  /** What could not be shown, after "Could not load": "the security groups", "this space". */
  what: string;
  /** Why, in a sentence for a person. */
  message?: string;
  /** The request id or the error's digest. */
  reference?: string;
  /** A route error boundary's reset. */
  reset?: () => void;
}) {
  const alert = (
    <Alert tone="error" heading={`Could not load ${what}`}>
      {message}
      {reference && <span className="mt-1 block text-sm">Reference for your platform team: {reference}</span>}
    </Alert>
  );
  if (!reset) {
    return (
      <div className="space-y-4">
        {alert}
        <RetryButton />
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-7xl space-y-4 px-4 py-8">
      <h1 className="text-3xl">Something went wrong</h1>
      {alert}
      <div className="flex flex-wrap items-center gap-4">
        <RetryButton reset={reset} />
        <SignInAgain />
      </div>
    </div>
  );
}

/**
 * Renders the page again on the server, which repeats its CF requests. A
 * boundary's reset alone would only re-render the payload that failed.
 */
function RetryButton({ reset }: { reset?: () => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset?.();
    });
  return (
    <Button onClick={retry} disabled={pending}>
      {pending ? "Trying again…" : "Try again"}
    </Button>
  );
}

function SignInAgain() {
  const pathname = usePathname();
  return <a href={`/signin?${new URLSearchParams({ callbackUrl: pathname }).toString()}`}>Sign in again</a>;
}
