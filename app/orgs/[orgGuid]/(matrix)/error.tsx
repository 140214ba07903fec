"use client";

import { ErrorState } from "@/components/ui/error-state";

export default function OrgError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorState what="this organization" reference={error.digest} reset={reset} />;
}
