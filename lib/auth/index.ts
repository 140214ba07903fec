import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import { env } from "@/lib/env";
import { RefreshRefusedError, UaaUnavailableError } from "./errors";
import { needsRefresh, refreshTokens } from "./refresh";
import { UAA_SCOPES } from "./scopes";
import { SESSION_MAX_AGE_SECONDS, claimsFromSignIn, withTokens, type SessionClaims } from "./session-token";
import { uaaIssuer } from "./uaa";

/**
 * Auth.js with the platform's UAA as the OpenID Connect provider:
 * authorization code with PKCE, state and nonce; sessions in an encrypted,
 * HttpOnly cookie. The session object Auth.js hands out (also to the
 * browser, at /api/auth/session) carries only what the UI needs.
 */

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; isAdmin: boolean };
  }
}

async function config(): Promise<NextAuthConfig> {
  const { uaaClientId, uaaClientSecret, authSecret, isProduction } = env();
  return {
    secret: authSecret,
    // The origin comes from the request (see app/api/auth/[...nextauth]/route.ts), so that
    // sign-in works on localhost and 127.0.0.1 alike; the UAA accepts only registered redirect URIs.
    trustHost: true,
    useSecureCookies: isProduction,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/", error: "/" },
    providers: [
      {
        id: "uaa",
        name: "Cloud Foundry",
        type: "oidc",
        issuer: await uaaIssuer(),
        clientId: uaaClientId,
        clientSecret: uaaClientSecret,
        authorization: { params: { scope: UAA_SCOPES.join(" ") } },
        checks: ["pkce", "state", "nonce"],
        client: { token_endpoint_auth_method: "client_secret_basic" },
        profile: (profile: Record<string, unknown>) => ({
          id: String(profile.user_id ?? profile.sub),
          name: String(profile.user_name ?? profile.sub),
          email: typeof profile.email === "string" ? profile.email : null,
        }),
      },
    ],
    callbacks: {
      jwt: async ({ token, account }) => {
        if (account?.access_token && account.refresh_token) {
          const now = Math.floor(Date.now() / 1000);
          return claimsFromSignIn({
            accessToken: account.access_token,
            refreshToken: account.refresh_token,
            issuedAt: now,
            expiresAt: account.expires_at ?? now + (account.expires_in ?? 0),
          });
        }
        const claims = token as SessionClaims;
        if (!claims.accessToken || !needsRefresh(claims)) return token;
        try {
          return withTokens(claims, await refreshTokens(claims.refreshToken));
        } catch (error) {
          if (error instanceof RefreshRefusedError) return null; // ends the session
          if (error instanceof UaaUnavailableError) return token; // the UAA is away, not the session
          throw error;
        }
      },
      // Only what the UI needs: never the tokens.
      session: ({ session, token }) => {
        const claims = token as SessionClaims;
        return {
          expires: session.expires,
          user: { id: claims.sub, name: claims.name, email: claims.email, isAdmin: claims.isAdmin },
        };
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(config);
