/** Token checks that cannot be provoked over HTTP without the private key: issuer and signature. */
import { describe, expect, it } from "vitest";
import { seed } from "../seed";
import { ClientRegistry, defaultClients } from "./clients";
import { OAuthError } from "./errors";
import { createSigningKey } from "./keys";
import { TokenService } from "./tokens";
import { UserDirectory } from "./users";

async function services(issuer: string) {
  const key = await createSigningKey("http://uaa.example/token_keys");
  const clients = new ClientRegistry(defaultClients(["http://localhost:3000"]));
  const users = new UserDirectory(seed.users);
  const make = (iss: string) => new TokenService({ issuer: iss, key, clients, users, now: Date.now });
  const client = clients.get("cf");
  const user = users.find("devon");
  if (!client || !user) throw new Error("seed changed");
  const issue = (service: TokenService) =>
    service.issueUserTokens({
      client,
      clientAuthMethod: "none",
      user,
      scopes: ["openid", "cloud_controller.read"],
      grantType: "password",
      authTimeSec: Math.floor(Date.now() / 1000),
      amr: ["pwd"],
    });
  return { service: make(issuer), make, issue };
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OAuthError) return `${error.status} ${error.error}: ${error.description}`;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("TokenService.verifyAccessToken", () => {
  it("accepts its own token", async () => {
    const { service, issue } = await services("http://uaa.example/oauth/token");
    const { access_token } = await issue(service);
    const { claims, user } = await service.verifyAccessToken(access_token);
    expect(claims.cid).toBe("cf");
    expect(user?.user.username).toBe("devon");
  });

  it("refuses a token from another issuer signed with the same key", async () => {
    const { service, make, issue } = await services("http://uaa.example/oauth/token");
    const { access_token } = await issue(make("http://elsewhere.example/oauth/token"));
    expect(await rejection(service.verifyAccessToken(access_token))).toBe(
      "401 invalid_token: Invalid issuer (http://elsewhere.example/oauth/token) for token did not match expected: http://uaa.example/oauth/token",
    );
  });

  it("refuses a token whose payload was altered", async () => {
    const { service, issue } = await services("http://uaa.example/oauth/token");
    const [header, payload, signature] = (await issue(service)).access_token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, scope: ["cloud_controller.admin"] })).toString(
      "base64url",
    );
    expect(await rejection(service.verifyAccessToken(`${header}.${forged}.${signature}`))).toBe(
      "401 invalid_token: Could not verify token signature.",
    );
  });
});
