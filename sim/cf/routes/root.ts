import type { Router } from "../../http";
import type { Ctx } from "../context";

/** `GET /`, `GET /v3` and `GET /v3/info`: the only endpoints CC serves without a token. */

const V3_RESOURCES = [
  "app_usage_events",
  "apps",
  "audit_events",
  "buildpacks",
  "builds",
  "deployments",
  "domains",
  "droplets",
  "environment_variable_groups",
  "feature_flags",
  "info",
  "isolation_segments",
  "organizations",
  "organization_quotas",
  "packages",
  "processes",
  "resource_matches",
  "roles",
  "routes",
  "security_groups",
  "service_brokers",
  "service_instances",
  "service_credential_bindings",
  "service_offerings",
  "service_plans",
  "service_route_bindings",
  "service_usage_events",
  "spaces",
  "space_quotas",
  "stacks",
  "tasks",
  "users",
];

export const CC_V3_VERSION = "3.228.0";

export function registerRoot(router: Router<Ctx>, urls: { api: string; uaa: string; login: string }): void {
  const api = urls.api;
  const host = new URL(api).host;
  router
    .on("GET", "/", () => ({
      status: 200,
      body: {
        links: {
          self: { href: api },
          // No cloud_controller_v2: a current CF runs with v2 disabled.
          cloud_controller_v3: { href: `${api}/v3`, meta: { version: CC_V3_VERSION } },
          network_policy_v0: { href: `${api}/networking/v0/external` },
          network_policy_v1: { href: `${api}/networking/v1/external` },
          // The cf CLI sends /oauth/token to `login`; a browser client reads discovery from either.
          login: { href: urls.login },
          uaa: { href: urls.uaa },
          // The stand-in serves none of these, but a real CF links them; only CredHub may be absent.
          credhub: null,
          routing: { href: `${api}/routing` },
          logging: { href: `ws://${host.split(":")[0] ?? "127.0.0.1"}:8081` },
          log_cache: { href: `${api.replace("://", "://log-cache.")}` },
          log_stream: { href: `${api.replace("://", "://log-stream.")}` },
          app_ssh: {
            href: `${host.split(":")[0] ?? "127.0.0.1"}:2222`,
            meta: { host_key_fingerprint: "", oauth_client: "ssh-proxy" },
          },
        },
      },
    }))
    .on("GET", "/v3", () => ({
      status: 200,
      body: {
        links: Object.fromEntries(
          ["self", ...V3_RESOURCES].map((name): [string, { href: string }] => [
            name,
            { href: name === "self" ? `${api}/v3` : `${api}/v3/${name}` },
          ]),
        ),
      },
    }))
    .on("GET", "/v3/info", () => ({
      status: 200,
      body: {
        build: "egress-dashboard-stand-in",
        cli_version: { minimum: "", recommended: "" },
        custom: {},
        description: "Local Cloud Foundry stand-in for the egress dashboard",
        name: "stand-in",
        version: 0,
        osbapi_version: "",
        rate_limits: { enabled: false, general_limit: 2000, reset_interval_in_minutes: 60 },
        links: { self: { href: `${api}/v3/info` }, support: { href: "" } },
      },
    }));
}
