import { describe, expect, it } from "vitest";
import { RefreshRefusedError, UaaUnavailableError } from "@/lib/auth/errors";
import { CfApiError, CfUnavailableError } from "@/lib/cf/errors";
import {
  alreadyDone,
  DatabaseUnavailableError,
  FailureError,
  httpStatusOf,
  toFailure,
  type FailureKind,
} from "./failure";
import { errorBody } from "./http";
import { MESSAGES } from "./messages";

/** CF's own error bodies for the refusals the app words (docs/cf-behaviour.md §1.2, §2.3, §2.6). */
const cf = (status: number, code: number, title: string, detail: string) =>
  new CfApiError(status, code, title, detail, "POST /v3/security_groups/x/relationships/running_spaces");

describe("toFailure: every CF error the app words", () => {
  const table: [string, CfApiError, "read" | "write", FailureKind, string][] = [
    [
      "401 invalid token",
      cf(401, 1000, "CF-InvalidAuthToken", "Invalid Auth Token"),
      "write",
      "sign-in",
      MESSAGES.signIn,
    ],
    [
      "401 on a read",
      cf(401, 1000, "CF-InvalidAuthToken", "Invalid Auth Token"),
      "read",
      "sign-in",
      MESSAGES.signIn,
    ],
    [
      "403 not authorized (write)",
      cf(403, 10003, "CF-NotAuthorized", "You are not authorized to perform the requested action"),
      "write",
      "forbidden",
      MESSAGES.notAuthorized,
    ],
    [
      "403 not authorized (read)",
      cf(403, 10003, "CF-NotAuthorized", "You are not authorized to perform the requested action"),
      "read",
      "forbidden",
      MESSAGES.readForbidden,
    ],
    [
      "403 org suspended",
      cf(403, 10017, "CF-OrgSuspended", "The organization is suspended"),
      "write",
      "suspended",
      MESSAGES.orgSuspended,
    ],
    [
      "403 space suspended",
      cf(403, 10019, "CF-SpaceSuspended", "The space is suspended"),
      "write",
      "suspended",
      MESSAGES.spaceSuspended,
    ],
    [
      "404 group",
      cf(404, 10010, "CF-ResourceNotFound", "Security group not found"),
      "write",
      "not-found",
      MESSAGES.groupInvisible,
    ],
    [
      "404 space",
      cf(404, 10010, "CF-ResourceNotFound", "Space not found"),
      "read",
      "not-found",
      MESSAGES.spaceGone,
    ],
    [
      "404 org",
      cf(404, 10010, "CF-ResourceNotFound", "Organization not found"),
      "read",
      "not-found",
      MESSAGES.orgGone,
    ],
    [
      "404 other (read)",
      cf(404, 10010, "CF-ResourceNotFound", "Isolation segment not found"),
      "read",
      "not-found",
      MESSAGES.notFound,
    ],
    [
      "422 inaccessible spaces",
      cf(
        422,
        10008,
        "CF-UnprocessableEntity",
        'Spaces with guids ["x"] do not exist, or you do not have access to them.',
      ),
      "write",
      "not-found",
      MESSAGES.spaceGone,
    ],
    [
      "422 validation keeps CF's words",
      cf(
        422,
        10008,
        "CF-UnprocessableEntity",
        "Rules[0]: destination must be a valid CIDR, IP address, or IP address range",
      ),
      "write",
      "invalid",
      "Rules[0]: destination must be a valid CIDR, IP address, or IP address range",
    ],
    [
      "429 rate limit",
      cf(429, 10013, "CF-RateLimitExceeded", "Rate Limit Exceeded"),
      "read",
      "rate-limited",
      MESSAGES.rateLimited,
    ],
    [
      "503 on a write is unconfirmed",
      cf(503, 10001, "UnknownError", "An unknown error occurred."),
      "write",
      "unconfirmed",
      MESSAGES.unconfirmed,
    ],
    [
      "500 on a read",
      cf(500, 10001, "UnknownError", "An unknown error occurred."),
      "read",
      "unavailable",
      MESSAGES.cfServerError,
    ],
    [
      "502 gateway on a read",
      cf(502, 0, "HTTP 502", "The CF API answered without an error body."),
      "read",
      "unavailable",
      MESSAGES.cfServerError,
    ],
  ];
  it.each(table)("%s", (_name, error, operation, kind, message) => {
    const f = toFailure(error, operation);
    expect(f.kind).toBe(kind);
    expect(f.message).toBe(message);
    expect(f.status).toBe(error.status);
    expect(f.title).toBe(error.title);
    expect(f.code).toBe(error.code);
  });

  it("words an unknown CF error by its status, and never claims a write was made", () => {
    const unknown = cf(418, 99999, "CF-SomethingNew", "A future error");
    expect(toFailure(unknown, "read")).toMatchObject({
      kind: "unavailable",
      message: MESSAGES.cfServerError,
    });
    expect(toFailure(unknown, "write")).toMatchObject({ kind: "unconfirmed", message: MESSAGES.unconfirmed });
    expect(toFailure(cf(409, 1, "CF-Conflict", "x"), "write").kind).toBe("unconfirmed");
  });
});

describe("toFailure: everything else that can be thrown", () => {
  it("CF unreachable, timed out or answering nonsense", () => {
    expect(toFailure(new CfUnavailableError("GET /v3/spaces", "could not connect"), "read")).toEqual({
      kind: "unavailable",
      message: MESSAGES.cfUnreachable,
    });
    expect(
      toFailure(new CfUnavailableError("GET /v3/spaces", "the response is not JSON"), "read").message,
    ).toBe(MESSAGES.cfMalformed);
    expect(
      toFailure(new CfUnavailableError("GET /v3/spaces", "the response has an unexpected shape"), "read")
        .message,
    ).toBe(MESSAGES.cfMalformed);
    expect(toFailure(new CfUnavailableError("POST /v3/x", "timed out after 15000 ms"), "write")).toEqual({
      kind: "unconfirmed",
      message: MESSAGES.unconfirmed,
    });
  });

  it("the UAA refusing or missing", () => {
    expect(toFailure(new RefreshRefusedError("invalid_grant"), "read").kind).toBe("sign-in");
    expect(toFailure(new UaaUnavailableError("connect ECONNREFUSED"), "read")).toEqual({
      kind: "unavailable",
      message: MESSAGES.uaaUnreachable,
    });
  });

  it("the database", () => {
    expect(toFailure(new DatabaseUnavailableError("SQLITE_BUSY"), "read").kind).toBe("unavailable");
    expect(toFailure(new DatabaseUnavailableError("SQLITE_BUSY"), "write").kind).toBe("unconfirmed");
  });

  it("a bug, or a value that is not an Error at all", () => {
    for (const thrown of [new TypeError("x is undefined"), "a string", null, undefined, { odd: true }]) {
      expect(toFailure(thrown, "read")).toEqual({ kind: "internal", message: MESSAGES.internalRead });
      expect(toFailure(thrown, "write")).toEqual({ kind: "unconfirmed", message: MESSAGES.internalWrite });
    }
  });

  it("a failure decided earlier passes through unchanged", () => {
    const decided = { kind: "not-found" as const, message: "gone" };
    expect(toFailure(new FailureError(decided), "write")).toBe(decided);
  });

  it("never puts a stack or an internal message in the words", () => {
    const f = toFailure(new Error("ECONNRESET at Socket.<anonymous> (/srv/app/x.js:1:1)"), "read");
    expect(f.message).not.toMatch(/ECONNRESET|\.js/);
  });
});

describe("the HTTP face of a failure", () => {
  it("maps each kind to one status", () => {
    const statuses = Object.fromEntries(
      (
        [
          "sign-in",
          "forbidden",
          "suspended",
          "not-found",
          "invalid",
          "conflict",
          "rate-limited",
          "unavailable",
          "unconfirmed",
          "internal",
        ] as const
      ).map((kind) => [kind, httpStatusOf({ kind, message: "" })]),
    );
    expect(statuses).toEqual({
      "sign-in": 401,
      forbidden: 403,
      suspended: 403,
      "not-found": 404,
      invalid: 400,
      conflict: 412,
      "rate-limited": 429,
      unavailable: 502,
      unconfirmed: 502,
      internal: 500,
    });
    expect(httpStatusOf({ kind: "invalid", status: 422, message: "" })).toBe(422);
    expect(httpStatusOf({ kind: "invalid", message: "", fieldErrors: { "rules.0.spaces": ["x"] } })).toBe(
      422,
    );
  });

  it("has one body shape, with CF's fields only when CF sent them", () => {
    expect(errorBody({ kind: "sign-in", message: MESSAGES.signIn })).toEqual({
      error: { kind: "sign-in", message: MESSAGES.signIn },
    });
    expect(errorBody(toFailure(cf(403, 10017, "CF-OrgSuspended", "suspended"), "write"))).toEqual({
      error: {
        kind: "suspended",
        message: MESSAGES.orgSuspended,
        status: 403,
        code: 10017,
        title: "CF-OrgSuspended",
      },
    });
  });

  it("carries field errors in the same body, when the input was refused in named places", () => {
    const refused = {
      kind: "invalid" as const,
      message: MESSAGES.policyInvalid,
      fieldErrors: { "rules.0.spaces": ["is not a valid glob"] },
    };
    expect(errorBody(refused)).toEqual({ error: refused });
  });
});

describe("alreadyDone", () => {
  const notBound = cf(
    422,
    10008,
    "CF-UnprocessableEntity",
    "Unable to unbind security group from space with guid 'g'. Ensure the space is bound to this security group.",
  );
  it("treats unbinding an unbound space as done, as the cf CLI does", () => {
    expect(alreadyDone(notBound, "unbind")).toBe(true);
  });
  it("treats nothing else as done", () => {
    expect(alreadyDone(notBound, "bind")).toBe(false);
    expect(alreadyDone(cf(422, 10008, "CF-UnprocessableEntity", "Data can't be blank"), "unbind")).toBe(
      false,
    );
  });
});
