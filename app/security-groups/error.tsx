"use client";

import { ErrorState } from "@/components/ui/error-state";

export default function SecurityGroupsError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorState what="the security groups" reference={error.digest} reset={reset} />;
}
