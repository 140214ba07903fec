/**
 * What a page shows while its CF reads are under way. At least a screen
 * tall, so the footer is below the fold from the start and does not jump
 * when the page streams in (Lighthouse's layout shift). `PageLoading` is a
 * route's whole fallback; `LoadingNote` stands in for the part of a page
 * that streams in below its heading, inside the page's own margins.
 */
export function LoadingNote({ what }: { what: string }) {
  return (
    <div className="min-h-screen" role="status">
      <p className="text-lg">Loading {what}…</p>
    </div>
  );
}

export function PageLoading({ what }: { what: string }) {
  return (
    <div className="mx-auto max-w-7xl px-4 py-8">
      <LoadingNote what={what} />
    </div>
  );
}
