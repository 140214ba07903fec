import { expect, type APIResponse } from "@playwright/test";

/**
 * What a user gets back, read at request level: a page's words (its HTML
 * without scripts and tags), the one JSON error body of route handlers, and
 * the signs of an exception that reached the user instead of a clear state.
 */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** The text a person reads on a server-rendered page, streamed parts included. */
export function pageText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, " ")
    .replace(/<style\b[\s\S]*?<\/style>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity: string, code: string) => {
      if (code.startsWith("#x")) return String.fromCodePoint(parseInt(code.slice(2), 16));
      if (code.startsWith("#")) return String.fromCodePoint(Number(code.slice(1)));
      return ENTITIES[code.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, " ");
}

/**
 * Marks of an exception that reached the user: a server error's digest (an
 * error boundary or Next's own error page takes over in the browser), the
 * last-resort error states, or a stack.
 */
export function unhandledMarks(html: string): string[] {
  const marks: string[] = [];
  // Next's own control flow (notFound, redirect) travels as errors with a NEXT_ digest: not a failure.
  if (/data-dgst="(?!NEXT_)/.test(html)) marks.push("a streamed error (data-dgst)");
  if (/\bE\{\\?"digest\\?":\\?"(?!NEXT_)/.test(html)) marks.push("a server error row in the page's payload");
  const text = pageText(html);
  for (const words of [
    "Something went wrong",
    "Application error",
    "Internal Server Error",
    "Cloud Foundry did not answer as expected",
  ])
    if (text.includes(words)) marks.push(words);
  if (/\bat \S+ \(\/[^)]*:\d+:\d+\)/.test(html)) marks.push("a stack trace");
  return marks;
}

/** A page that answered with a clear state: not a 5xx, no exception, and these words. */
export async function expectPageSays(response: APIResponse, ...words: string[]): Promise<string> {
  const html = await response.text();
  expect(response.status(), `${response.url()}: ${pageText(html).slice(0, 300)}`).toBeLessThan(500);
  expect(unhandledMarks(html), response.url()).toEqual([]);
  const text = pageText(html);
  for (const w of words) expect(text, response.url()).toContain(w);
  return text;
}

export type ErrorBody = {
  error: { kind: string; message: string; status?: number; code?: number; title?: string };
};

/** The one JSON error body of route handlers (lib/failures/http.ts), with this status and kind. */
export async function expectErrorBody(
  response: APIResponse,
  expected: { status: number; kind: string; message?: string | RegExp },
): Promise<ErrorBody> {
  const text = await response.text();
  expect(response.status(), `${response.url()}: ${text.slice(0, 300)}`).toBe(expected.status);
  expect(response.headers()["content-type"], response.url()).toContain("application/json");
  const body = JSON.parse(text) as ErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.kind, response.url()).toBe(expected.kind);
  expect(typeof body.error.message).toBe("string");
  if (typeof expected.message === "string") expect(body.error.message, response.url()).toBe(expected.message);
  else if (expected.message) expect(body.error.message, response.url()).toMatch(expected.message);
  return body;
}
