import fc from "fast-check";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { CfApiError, CfUnavailableError } from "@/lib/cf/errors";
import { MESSAGES } from "@/lib/failures";

/**
 * The action wrapper: whatever the work throws (or the session lookup, or
 * the input), the action answers `{ ok: false, message }`; it never throws.
 */

const session = vi.hoisted((): { current: unknown; throws: unknown } => ({ current: null, throws: null }));

vi.mock("@/lib/auth/session", () => ({
  getServerSession: () => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- any value, on purpose
    if (session.throws !== null) return Promise.reject(session.throws);
    return Promise.resolve(session.current);
  },
}));

const { defineAction, defineFormAction, formValues } = await import("./define-action");

const signedIn = {
  user: { id: "u-1", name: "sam", email: "sam@example.org", isAdmin: false, readsGlobally: false },
  accessToken: "not-a-real-token",
};

const schema = z.strictObject({ spaceGuid: z.guid(), enabled: z.boolean() });
const goodInput = { spaceGuid: "11111111-1111-4111-8111-111111111111", enabled: true };

beforeEach(() => {
  session.current = signedIn;
  session.throws = null;
});

describe("defineAction", () => {
  it("runs the work with the parsed input and the user's client", async () => {
    const action = defineAction("t", schema, (input, ctx) => {
      expect(ctx.session.user.name).toBe("sam");
      expect(ctx.requestId).toMatch(/[0-9a-f-]{36}/);
      return Promise.resolve({ ok: true as const, message: `done ${String(input.enabled)}` });
    });
    await expect(action(goodInput)).resolves.toEqual({ ok: true, message: "done true" });
  });

  it("refuses without a session, before looking at the input", async () => {
    session.current = null;
    const work = vi.fn();
    // @ts-expect-error: tsc refuses an argument the schema would refuse; a forged request still sends it.
    const result = await defineAction("t", schema, work)({ nonsense: 1 });
    expect(result).toEqual({ ok: false, kind: "sign-in", message: MESSAGES.signIn });
    expect(work).not.toHaveBeenCalled();
  });

  it("refuses bad input with field errors, and never runs the work", async () => {
    const work = vi.fn();
    const action = defineAction("t", schema, work);
    // @ts-expect-error: as above, a forged request.
    const result = await action({ spaceGuid: "../../etc/passwd", enabled: "yes", extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.kind).toBe("invalid");
    expect(result.message).toBe(MESSAGES.invalidInput);
    expect(Object.keys(result.fieldErrors ?? {})).toEqual(expect.arrayContaining(["spaceGuid", "enabled"]));
    expect(work).not.toHaveBeenCalled();
  });

  it("never throws, whatever the work throws", async () => {
    const thrown = fc.oneof(
      fc.anything(),
      fc.string().map((m) => new Error(m)),
      fc.constant(new TypeError("cannot read properties of undefined")),
      fc.constant(new CfUnavailableError("POST /v3/x", "timed out after 15000 ms")),
      fc
        .integer({ min: 400, max: 599 })
        .map((s) => new CfApiError(s, 1, "CF-Whatever", "detail", "POST /v3/x")),
    );
    await fc.assert(
      fc.asyncProperty(thrown, fc.boolean(), async (value, synchronously) => {
        const action = defineAction("t", schema, () => {
          if (synchronously) throw value;
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- any value, on purpose
          return Promise.reject(value);
        });
        const result = await action(goodInput);
        expect(result.ok).toBe(false);
        expect(typeof result.message).toBe("string");
        expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it("turns a failing session lookup (the UAA away) into a result", async () => {
    session.throws = new Error("fetch failed");
    const result = await defineAction("t", schema, vi.fn())(goodInput);
    expect(result).toMatchObject({ ok: false, kind: "unconfirmed" });
  });

  it("never reports an unconfirmed write as done", async () => {
    const action = defineAction("t", schema, () => {
      throw new CfApiError(503, 10001, "UnknownError", "An unknown error occurred.", "POST /v3/x");
    });
    expect(await action(goodInput)).toEqual({
      ok: false,
      kind: "unconfirmed",
      message: MESSAGES.unconfirmed,
    });
  });
});

describe("defineFormAction", () => {
  const form = (entries: [string, string][]) => {
    const data = new FormData();
    for (const [k, v] of entries) data.append(k, v);
    return data;
  };

  it("gives back what the user typed with the field errors", async () => {
    const action = defineFormAction(
      "f",
      z.strictObject({ ip: z.ipv4(), apps: z.coerce.number().int().positive() }),
      vi.fn(),
    );
    const state = await action(
      { status: "idle" },
      form([
        ["ip", "999.1.1.1"],
        ["apps", "12"],
      ]),
    );
    expect(state).toMatchObject({
      status: "done",
      ok: false,
      kind: "invalid",
      values: { ip: "999.1.1.1", apps: "12" },
    });
    if (state.status === "done" && !state.ok) expect(Object.keys(state.fieldErrors ?? {})).toEqual(["ip"]);
  });

  it("reads repeated fields as lists and drops Next's own fields", () => {
    expect(
      formValues(
        form([
          ["cidr", "10.0.0.0/8"],
          ["cidr", "192.168.0.0/16"],
          ["$ACTION_ID_abc", ""],
          ["n", "1"],
        ]),
      ),
    ).toEqual({ cidr: ["10.0.0.0/8", "192.168.0.0/16"], n: "1" });
  });
});
