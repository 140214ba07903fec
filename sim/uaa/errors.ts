/**
 * UAA's OAuth error responses: `{"error", "error_description"}` (docs/cf-behaviour.md §4.6), plus the
 * WWW-Authenticate header that Spring's entry points add to every 401.
 */

/** How a 401 announces itself. UAA has two realms: client authentication and resource access. */
export type Challenge = { scheme: "Basic"; realm: "UAA/client" } | { scheme: "Bearer"; realm?: "UAA/oauth" };

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly options: { challenge?: Challenge; extra?: Record<string, string> } = {},
  ) {
    super(`${error}: ${description}`);
    this.name = "OAuthError";
  }

  body(): Record<string, string> {
    return { error: this.error, error_description: this.description, ...this.options.extra };
  }

  /**
   * The header value, e.g. `Basic realm="UAA/client", error="invalid_client", error_description="Bad credentials"`.
   * Spring's DefaultWebResponseExceptionTranslator adds a bare Bearer challenge (error, description and any
   * extra entries, as OAuth2Exception.getSummary) to every 401 and to insufficient_scope.
   */
  wwwAuthenticate(): string | undefined {
    if (this.status !== 401 && this.error !== "insufficient_scope") return undefined;
    const challenge = this.options.challenge ?? { scheme: "Bearer" };
    const parts = [
      ...(challenge.realm ? [`realm="${challenge.realm}"`] : []),
      `error="${headerSafe(this.error)}"`,
      `error_description="${headerSafe(this.description)}"`,
      ...Object.entries(this.options.extra ?? {}).map(([key, value]) => `${key}="${headerSafe(value)}"`),
    ];
    return `${challenge.scheme} ${parts.join(", ")}`;
  }
}

/** Descriptions can echo request input (a code, a verifier); keep the header printable ASCII and quoted. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?").replace(/["\\]/g, "\\$&");
}

/**
 * A wrong client secret (answered by the Basic entry point, realm UAA/client) or, since UAA 76.26, a wrong
 * user password in the password grant (answered by the token endpoint, bare Bearer challenge).
 */
export const badCredentials = (by: "client" | "user") =>
  new OAuthError(401, "invalid_client", "Bad credentials", {
    ...(by === "client" ? { challenge: { scheme: "Basic", realm: "UAA/client" } } : {}),
  });

export const fullAuthenticationRequired = (challenge: Challenge) =>
  new OAuthError(401, "unauthorized", "Full authentication is required to access this resource", {
    challenge,
  });

export const invalidRequest = (description: string) => new OAuthError(400, "invalid_request", description);

/** UAA writes dates in its messages with Java's `Date.toString()`, e.g. `Tue Oct 22 12:23:33 UTC 2024`. */
export function javaDate(epochMs: number): string {
  const d = new Date(epochMs);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const two = (n: number) => String(n).padStart(2, "0");
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${two(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
}
