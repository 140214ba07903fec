"use client";

import { ErrorState } from "@/components/ui/error-state";

export default function SpaceError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorState what="this space" reference={error.digest} reset={reset} />;
}
