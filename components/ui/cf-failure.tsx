import { Alert } from "./alert";
import { RetryButton } from "./retry-button";

/** What failed, in words, and a way to try again. */
export function CfFailure({ what, message }: { what: string; message: string }) {
  return (
    <div className="space-y-4">
      <Alert tone="error" heading={`Could not load ${what}`}>
        {message}
      </Alert>
      <RetryButton />
    </div>
  );
}
