import { DEMO_AUTH_SECRET, DEMO_CLIENT_SECRET, type RawEnv } from "./fields";

/**
 * What production (VCAP_APPLICATION or DEPLOY_ENV=production) requires beyond
 * a well-formed value: no demo secrets, the UAA client, an https CF API, a
 * shared PostgreSQL, the shared server-action key and a support address.
 * Each problem names its variable and says what to do.
 */
export function productionProblems(raw: RawEnv): string[] {
  const problems: string[] = [];
  if (raw.AUTH_SECRET === undefined) {
    problems.push(
      "AUTH_SECRET: is required in production, the same on every instance (try: openssl rand -base64 32)",
    );
  } else if (raw.AUTH_SECRET === DEMO_AUTH_SECRET) {
    problems.push("AUTH_SECRET: the demo secret must not be used in production");
  }
  if (raw.UAA_CLIENT_ID === undefined) {
    problems.push(
      "UAA_CLIENT_ID: is required in production: the UAA client registered for the dashboard " +
        "(or bind a service whose credentials carry client_id and client_secret)",
    );
  }
  if (raw.UAA_CLIENT_SECRET === undefined) {
    problems.push("UAA_CLIENT_SECRET: is required in production");
  } else if (raw.UAA_CLIENT_SECRET === DEMO_CLIENT_SECRET) {
    problems.push("UAA_CLIENT_SECRET: the demo secret must not be used in production");
  }
  if (raw.CF_API_URL === undefined) {
    problems.push(
      "CF_API_URL: is required in production: the platform's API, e.g. https://api.sys.example.org",
    );
  } else if (!raw.CF_API_URL.startsWith("https://")) {
    problems.push(
      `CF_API_URL: must be an https URL in production: tokens travel to it (got "${raw.CF_API_URL}")`,
    );
  }
  if (raw.UAA_URL !== undefined && !raw.UAA_URL.startsWith("https://")) {
    problems.push(`UAA_URL: must be an https URL in production (got "${raw.UAA_URL}")`);
  }
  if (raw.APP_ORIGIN !== undefined && !raw.APP_ORIGIN.startsWith("https://")) {
    problems.push(
      `APP_ORIGIN: must be an https URL in production: the session cookie is Secure (got "${raw.APP_ORIGIN}")`,
    );
  }
  if (raw.DATABASE_URL === undefined) {
    problems.push(
      "DATABASE_URL: is required in production: a PostgreSQL database every instance shares " +
        "(bind a PostgreSQL service, or set DATABASE_URL); a SQLite file on the container's disk " +
        "is lost at every restart",
    );
  }
  if (raw.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY === undefined) {
    problems.push(
      "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: is required in production, the same on every instance, " +
        "so that a change posted to another instance is accepted (try: openssl rand -base64 32)",
    );
  }
  if (raw.DNS_SERVER !== undefined) {
    problems.push(
      "DNS_SERVER: is for development only (it points the reach check at the stand-in's DNS server); " +
        "in production host names are resolved as the platform resolves them",
    );
  }
  if (raw.SUPPORT_EMAIL === undefined) {
    problems.push("SUPPORT_EMAIL: is required in production (users send support requests to it)");
  }
  return problems;
}
