import type { Failure } from "@/lib/failures";
import { Alert } from "./alert";
import { RetryButton } from "./retry-button";

/** What could not be loaded, why in words (the one failure model), a reference for the logs, and a retry. */
export function LoadFailure({
  what,
  failure,
  requestId,
}: {
  what: string;
  failure: Failure;
  requestId?: string;
}) {
  return (
    <div className="space-y-4">
      <Alert tone="error" heading={`Could not load ${what}`}>
        {failure.message}
        {requestId && (
          <span className="mt-1 block text-sm">Reference for your platform team: {requestId}</span>
        )}
      </Alert>
      <RetryButton />
    </div>
  );
}
