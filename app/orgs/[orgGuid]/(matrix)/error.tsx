"use client";

import { ErrorState } from "@/components/ui/error-state";

export default function OrgError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState what="this organization" reset={reset} />;
}
