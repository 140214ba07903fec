"use client";

import { ErrorState } from "@/components/ui/error-state";

export default function SecurityGroupError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorState what="this security group" reference={error.digest} reset={reset} />;
}
