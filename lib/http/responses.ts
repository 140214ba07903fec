import "server-only";

/**
 * The bodies route handlers answer with. Nothing they send is cached: each
 * answer is one user's view of CF at one moment.
 */

const NO_STORE = { "Cache-Control": "no-store" };

export function jsonResponse(body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { headers: { ...NO_STORE, ...headers } });
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
