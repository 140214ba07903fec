/** UAA clients: the two of docs/design.md §3, lookup, and client authentication at the token endpoint. */
import type { IncomingMessage } from "node:http";
import { badCredentials, fullAuthenticationRequired } from "./errors";
import type { UaaClient } from "./types";
import { sameSecret } from "./users";

/** Both clients may ask for these; a token carries their intersection with the user's groups. */
export const CLOUD_CONTROLLER_SCOPES = [
  "openid",
  "cloud_controller.read",
  "cloud_controller.write",
  "cloud_controller.admin",
  "cloud_controller.admin_read_only",
  "cloud_controller.global_auditor",
];

export const DASHBOARD_CLIENT_ID = "egress-dashboard";
export const DASHBOARD_CLIENT_SECRET = "demo-client-secret";

/**
 * The dashboard's watcher (docs/design.md §12): a platform client with the client_credentials grant and the
 * `cloud_controller.global_auditor` authority, as `uaac client add egress-watcher` registers it (deploy.md).
 * Like the seeded users' password, its secret is public: the stand-in is for development only.
 */
export const WATCHER_CLIENT_ID = "egress-watcher";
export const WATCHER_CLIENT_SECRET = "demo-watcher-secret";
export const GLOBAL_AUDITOR_AUTHORITY = "cloud_controller.global_auditor";

/**
 * `cf` (empty secret; password and refresh_token, as on a real CF), the dashboard's own client
 * (authorization_code and refresh_token, auto-approved) and the watcher's (client_credentials only; its
 * tokens carry the global auditor's authority, so it reads everything and writes nothing). The dashboard's
 * redirect URIs are its next-auth callback and its landing page (the target after `/logout.do`) on every
 * origin it is served from.
 */
export function defaultClients(
  appOrigins: string[],
  dashboardClient: { id?: string; secret?: string } = {},
): UaaClient[] {
  const origins = appOrigins.map((origin) => origin.replace(/\/+$/, ""));
  return [
    {
      id: "cf",
      secret: "",
      grantTypes: ["password", "refresh_token"],
      scopes: [...CLOUD_CONTROLLER_SCOPES],
      redirectUris: [],
      autoApprove: true,
    },
    {
      id: dashboardClient.id ?? DASHBOARD_CLIENT_ID,
      secret: dashboardClient.secret ?? DASHBOARD_CLIENT_SECRET,
      grantTypes: ["authorization_code", "refresh_token"],
      scopes: [...CLOUD_CONTROLLER_SCOPES],
      redirectUris: origins.flatMap((origin) => [`${origin}/api/auth/callback/uaa`, `${origin}/`]),
      autoApprove: true,
    },
    {
      id: WATCHER_CLIENT_ID,
      secret: WATCHER_CLIENT_SECRET,
      grantTypes: ["client_credentials"],
      // A client_credentials token carries the client's authorities, not its scopes (uaa.none: none).
      scopes: ["uaa.none"],
      authorities: [GLOBAL_AUDITOR_AUTHORITY],
      redirectUris: [],
      autoApprove: true,
    },
  ];
}

/**
 * How the client proved itself. UAA records an empty secret as `client_auth_method: "none"` in the
 * tokens (see uaa_access_token_claims_cf_client.json) and rotates such a client's refresh tokens.
 */
export type ClientAuthentication = { client: UaaClient; method: "secret" | "none" };

export class ClientRegistry {
  private readonly clients = new Map<string, UaaClient>();

  constructor(clients: UaaClient[]) {
    for (const client of clients) {
      if (this.clients.has(client.id)) throw new Error(`Duplicate UAA client: ${client.id}`);
      this.clients.set(client.id, client);
    }
  }

  get(id: string | undefined): UaaClient | undefined {
    return id === undefined ? undefined : this.clients.get(id);
  }

  /**
   * Client authentication for the token endpoint: HTTP Basic first, else `client_id` (+ `client_secret`)
   * in the form, as Spring's ClientCredentialsTokenEndpointFilter. A missing secret counts as "", which is
   * how `cf` authenticates.
   */
  authenticate(req: IncomingMessage, form: Record<string, string>): ClientAuthentication {
    const basic = /^basic\s+(\S*)\s*$/i.exec(req.headers.authorization ?? "");
    if (basic) {
      const decoded = Buffer.from(basic[1] ?? "", "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon < 0) throw badCredentials("client");
      return this.verify(decoded.slice(0, colon), decoded.slice(colon + 1), true);
    }
    if (form.client_id !== undefined) return this.verify(form.client_id, form.client_secret ?? "", false);
    throw fullAuthenticationRequired({ scheme: "Basic", realm: "UAA/client" });
  }

  /** Basic credentials may be form-urlencoded (RFC 6749 §2.3.1, which oauth4webapi follows); accept both. */
  private verify(id: string, secret: string, fromBasic: boolean): ClientAuthentication {
    const candidates = fromBasic
      ? [
          [id, secret],
          [formDecode(id), formDecode(secret)],
        ]
      : [[id, secret]];
    for (const [candidateId = "", candidateSecret = ""] of candidates) {
      const client = this.clients.get(candidateId);
      if (client && sameSecret(candidateSecret, client.secret)) {
        return { client, method: client.secret === "" ? "none" : "secret" };
      }
    }
    throw badCredentials("client");
  }
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}
