"use client";

import { ErrorState } from "@/components/ui/error-state";

/** Any page without an error boundary of its own (the activity, policy and private-egress pages, the landing page). */
export default function RootError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorState what="this page" reference={error.digest} reset={reset} />;
}
