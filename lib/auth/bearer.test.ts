import { describe, expect, it, vi } from "vitest";

vi.mock("./session", () => ({ getServerSession: () => Promise.resolve(null) }));

const { bearerToken, callerOf, sessionFromToken } = await import("./bearer");

/** A JWT with these claims and a signature nobody checks here (CF does). */
const jwt = (claims: Record<string, unknown>) =>
  ["{}", JSON.stringify(claims), "sig"].map((part) => Buffer.from(part).toString("base64url")).join(".");

describe("a pipeline's bearer token", () => {
  it("is read from the Authorization header, whatever the scheme's case", () => {
    const headers = (value?: string) => new Headers(value === undefined ? {} : { Authorization: value });
    expect(bearerToken(headers())).toBe("none");
    expect(bearerToken(headers("bearer abc.def.ghi"))).toEqual({ token: "abc.def.ghi" });
    expect(bearerToken(headers("Bearer abc.def.ghi"))).toEqual({ token: "abc.def.ghi" });
    expect(bearerToken(headers("Basic b2xpdmlhOg=="))).toBe("malformed");
    expect(bearerToken(headers("bearer"))).toBe("malformed");
    expect(bearerToken(headers("bearer a b"))).toBe("malformed");
  });

  it("names a user, with the privileges of its scopes; a client's own token names none", () => {
    expect(
      sessionFromToken(
        jwt({ user_id: "u-1", user_name: "olivia", scope: ["openid", "cloud_controller.read"] }),
      ),
    ).toEqual({
      user: { id: "u-1", name: "olivia", email: "", isAdmin: false, readsGlobally: false },
      accessToken: jwt({ user_id: "u-1", user_name: "olivia", scope: ["openid", "cloud_controller.read"] }),
    });
    expect(sessionFromToken(jwt({ user_id: "u-2", scope: ["cloud_controller.admin"] }))?.user).toMatchObject({
      name: "u-2",
      isAdmin: true,
      readsGlobally: true,
    });
    expect(sessionFromToken(jwt({ client_id: "pipeline", scope: ["cloud_controller.admin"] }))).toBeNull();
    expect(sessionFromToken("not-a-jwt")).toBeNull();
  });

  it("takes the token over the session, and refuses a header that is not a user's token", async () => {
    const request = (authorization?: string) =>
      new Request("http://localhost/api/orgs/x/policy", {
        headers: authorization === undefined ? {} : { Authorization: authorization },
      });
    expect(await callerOf(request())).toBeNull();
    expect(await callerOf(request("Basic x"))).toBe("invalid");
    expect(await callerOf(request(`bearer ${jwt({ client_id: "c" })}`))).toBe("invalid");
    expect(await callerOf(request(`bearer ${jwt({ user_id: "u-1" })}`))).toMatchObject({
      via: "bearer",
      session: { user: { id: "u-1" } },
    });
  });
});
