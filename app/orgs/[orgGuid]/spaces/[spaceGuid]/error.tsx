"use client";

import { ErrorState } from "@/components/ui/error-state";

export default function SpaceError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState what="this space" reset={reset} />;
}
