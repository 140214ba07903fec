import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { MESSAGES } from "@/lib/failures/messages";
import { fetchJson } from "./fetch-json";

const schema = z.object({ rows: z.array(z.object({ name: z.string() })) });

function answer(body: string, status = 200, contentType = "application/json") {
  const fetch = vi.fn((_url: string, _init?: RequestInit) =>
    Promise.resolve(new Response(body, { status, headers: { "Content-Type": contentType } })),
  );
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("fetchJson", () => {
  it("answers the parsed body, asking for JSON and never a cached answer", async () => {
    const fetch = answer(JSON.stringify({ rows: [{ name: "dev" }], extra: true }));
    expect(await fetchJson("/api/rows", schema)).toEqual({ ok: true, value: { rows: [{ name: "dev" }] } });
    const init = fetch.mock.calls[0]?.[1];
    expect(init?.cache).toBe("no-store");
    expect(init?.headers).toEqual({ Accept: "application/json" });
  });

  it("passes the signal on", async () => {
    const fetch = answer(JSON.stringify({ rows: [] }));
    const controller = new AbortController();
    await fetchJson("/api/rows", schema, { signal: controller.signal });
    expect(fetch.mock.calls[0]?.[1]?.signal).toBe(controller.signal);
  });

  it("turns the one error body into its failure, with the HTTP status", async () => {
    answer(
      JSON.stringify({
        error: { kind: "forbidden", message: MESSAGES.notAuthorized, status: 403, title: "CF-NotAuthorized" },
      }),
      403,
    );
    expect(await fetchJson("/api/rows", schema)).toEqual({
      ok: false,
      status: 403,
      failure: { kind: "forbidden", message: MESSAGES.notAuthorized, status: 403, title: "CF-NotAuthorized" },
    });
  });

  it("keeps the field errors of a refused input", async () => {
    const fieldErrors = { "rules.0.spaces": ["is required"] };
    answer(JSON.stringify({ error: { kind: "invalid", message: "Not valid.", fieldErrors } }), 422);
    const result = await fetchJson("/api/rows", schema);
    expect(result).toMatchObject({ ok: false, status: 422, failure: { kind: "invalid", fieldErrors } });
  });

  it("keeps the server's words for a kind this page does not know", async () => {
    answer(JSON.stringify({ error: { kind: "teapot", message: "Short and stout." } }), 418);
    expect(await fetchJson("/api/rows", schema)).toEqual({
      ok: false,
      status: 418,
      failure: { kind: "internal", message: "Short and stout." },
    });
  });

  it("says the server could not be reached when no answer comes", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))),
    );
    expect(await fetchJson("/api/rows", schema)).toEqual({
      ok: false,
      failure: { kind: "unavailable", message: MESSAGES.serverUnreachable },
    });
  });

  it("says so when the answer is not JSON: a gateway's HTML page, a cut-off body", async () => {
    answer("<html><body>Bad gateway</body></html>", 502, "text/html");
    expect(await fetchJson("/api/rows", schema)).toEqual({
      ok: false,
      status: 502,
      failure: { kind: "unavailable", message: MESSAGES.unreadableAnswer },
    });
    answer('{"rows": [', 200);
    expect(await fetchJson("/api/rows", schema)).toEqual({
      ok: false,
      status: 200,
      failure: { kind: "internal", message: MESSAGES.unreadableAnswer },
    });
  });

  it("refuses an answer of the wrong shape instead of casting it", async () => {
    answer(JSON.stringify({ rows: [{ name: 42 }] }));
    expect(await fetchJson("/api/rows", schema)).toMatchObject({
      ok: false,
      failure: { kind: "internal", message: MESSAGES.unreadableAnswer },
    });
  });

  it("refuses an error status whose body is JSON but not the error body", async () => {
    answer(JSON.stringify({ message: "nope" }), 404);
    expect(await fetchJson("/api/rows", schema)).toEqual({
      ok: false,
      status: 404,
      failure: { kind: "internal", message: MESSAGES.unreadableAnswer },
    });
  });
});
