"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { Alert } from "@/components/ui/alert";

/**
 * The error state of the security-group pages. In production, Next hides a
 * server error's message from the browser, so this cannot say what CF
 * answered; the digest matches the server's log. A token CF refused never
 * gets here: the loaders send the user to sign in instead.
 */
export function LoadError({ what, error, reset }: { what: string; error: unknown; reset: () => void }) {
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : undefined;
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  // reset() alone re-renders the old server payload; refresh() asks the server (and so CF) again.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  const signIn = `/signin?${new URLSearchParams({ callbackUrl: pathname }).toString()}`;
  return (
    <div className="mx-auto max-w-7xl space-y-4 px-4 py-8">
      <h1 className="text-3xl">Could not load {what}</h1>
      <Alert tone="error" heading="Cloud Foundry did not answer as expected">
        It could not be reached, or it answered with an error. This usually passes: try again in a moment.
        {digest && <span className="mt-1 block text-sm">Reference for your platform team: {digest}</span>}
      </Alert>
      <div className="flex flex-wrap items-center gap-4">
        <button
          type="button"
          onClick={retry}
          disabled={pending}
          className="min-h-11 rounded bg-primary px-4 font-bold text-white hover:bg-primary-dark disabled:opacity-60"
        >
          {pending ? "Trying again…" : "Try again"}
        </button>
        <a href={signIn}>Sign in again</a>
      </div>
    </div>
  );
}
