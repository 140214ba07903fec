import "server-only";

/**
 * The bodies route handlers answer with. Nothing they send is cached: each
 * answer is one user's view of CF at one moment.
 */

const NO_STORE = { "Cache-Control": "no-store" };

export function jsonResponse(body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { headers: { ...NO_STORE, ...headers } });
}

/**
 * `{ "<key>": [ …items ] }` as JSON, written a few hundred items at a time as the client reads it:
 * the same text `jsonResponse` sends (an array's JSON is its items' JSON joined by commas), without
 * the whole text and its UTF-8 copy made at once. The foundation-wide search answers 20,000 spaces,
 * 6.6 MB: one string of that size and its bytes went straight to the old generation, twice per
 * answer; chunks of ~80 kB die young.
 */
export function jsonListResponse(key: string, items: readonly unknown[], perChunk = 256): Response {
  const encoder = new TextEncoder();
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const head = at === 0 ? `{${JSON.stringify(key)}:[` : ",";
      if (at >= items.length) {
        controller.enqueue(encoder.encode(`${at === 0 ? head : ""}]}`));
        controller.close();
        return;
      }
      const end = Math.min(items.length, at + perChunk);
      // The chunk's array without its brackets: its items, joined by commas.
      controller.enqueue(encoder.encode(head + JSON.stringify(items.slice(at, end)).slice(1, -1)));
      at = end;
    },
  });
  return new Response(body, { headers: { ...NO_STORE, "Content-Type": "application/json" } });
}

/** A CSV download, named after what it holds (an org's name, made safe for a file name). */
export function csvResponse(text: string, name: string, suffix: string): Response {
  return new Response(text, {
    headers: {
      ...NO_STORE,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name.replace(/[^\w.-]+/g, "_")}-${suffix}.csv"`,
    },
  });
}
