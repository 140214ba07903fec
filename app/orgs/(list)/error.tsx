"use client";

import { ErrorState } from "@/components/ui/error-state";

export default function OrgsError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorState what="your organizations" reference={error.digest} reset={reset} />;
}
