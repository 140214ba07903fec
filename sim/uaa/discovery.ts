/** The two public self-descriptions: OIDC discovery and UAA's server info (`/info`, `/login` as JSON). */

export function openIdConfiguration(baseUrl: string, issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${baseUrl}/oauth/authorize`,
    token_endpoint: `${baseUrl}/oauth/token`,
    // UAA also lists private_key_jwt; the stand-in does not implement it, so it does not advertise it.
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    token_endpoint_auth_signing_alg_values_supported: ["RS256", "HS256"],
    userinfo_endpoint: `${baseUrl}/userinfo`,
    jwks_uri: `${baseUrl}/token_keys`,
    end_session_endpoint: `${baseUrl}/logout.do`,
    scopes_supported: ["openid", "profile", "email", "phone", "roles", "user_attributes"],
    // Only the code flow is implemented (UAA also lists "code id_token", "id_token", "token id_token").
    response_types_supported: ["code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256", "HS256"],
    id_token_encryption_alg_values_supported: ["none"],
    claim_types_supported: ["normal"],
    claims_supported: [
      "sub",
      "user_name",
      "origin",
      "iss",
      "auth_time",
      "amr",
      "acr",
      "client_id",
      "aud",
      "zid",
      "grant_type",
      "user_id",
      "azp",
      "scope",
      "exp",
      "iat",
      "jti",
      "rev_sig",
      "cid",
      "given_name",
      "family_name",
      "phone_number",
      "email",
    ],
    claims_parameter_supported: false,
    service_documentation: "http://docs.cloudfoundry.org/api/uaa/",
    ui_locales_supported: ["en-US"],
    code_challenge_methods_supported: ["S256", "plain"],
    // Deliberately absent, as in UAA: revocation_endpoint, introspection_endpoint.
  };
}

/**
 * Server info (uaa_info.json). The version is the one the fixtures come from, so clients that gate on
 * UAA's version behave as against that release. The prompts name the fields as the login form labels them.
 */
export function serverInfo(baseUrl: string, startedAtMs: number) {
  return {
    app: { version: "77.18.0" },
    links: { uaa: baseUrl, passwd: "/forgot_password", login: baseUrl, register: "/create_account" },
    zone_name: "uaa",
    entityID: "cloudfoundry-saml-login",
    commit_id: "local-stand-in",
    idpDefinitions: {},
    prompts: { username: ["text", "Username"], password: ["password", "Password"] },
    timestamp: javaTimestamp(startedAtMs),
  };
}

/** `yyyy-MM-dd'T'HH:mm:ssZ`, e.g. `2024-10-22T12:23:33+0000`. */
function javaTimestamp(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}+0000`;
}
