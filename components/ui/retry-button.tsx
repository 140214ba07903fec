"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";

/** Re-renders the page on the server, which repeats its CF requests. */
export function RetryButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      onClick={() => startTransition(() => router.refresh())}
      disabled={pending}
      className="min-h-11 rounded bg-primary px-4 font-bold text-white hover:bg-primary-dark disabled:opacity-60"
    >
      {pending ? "Trying again…" : "Try again"}
    </button>
  );
}
