/**
 * A route's fallback while its CF reads are under way. At least a screen
 * tall, so the footer is below the fold from the start and does not jump
 * when the page streams in (Lighthouse's layout shift).
 */
export function PageLoading({ what }: { what: string }) {
  return (
    <div className="mx-auto min-h-screen max-w-7xl px-4 py-8" role="status">
      <p className="text-lg">Loading {what}…</p>
    </div>
  );
}
