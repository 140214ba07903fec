"use client";

/** The last-resort error state of a route: what failed, and a retry. */
export function ErrorState({ what, reset }: { what: string; reset: () => void }) {
  return (
    <div className="mx-auto max-w-7xl space-y-4 px-4 py-8">
      <h1 className="text-3xl">Something went wrong</h1>
      <div role="alert" className="border-l-8 border-error bg-error-lighter px-4 py-3">
        The dashboard could not show {what}. This is usually a passing problem with Cloud Foundry or the
        dashboard itself.
      </div>
      <button
        type="button"
        onClick={reset}
        className="min-h-11 rounded bg-primary px-4 font-bold text-white hover:bg-primary-dark"
      >
        Try again
      </button>
    </div>
  );
}
