import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import * as schemas from "@/lib/cf/schemas";
import { ids } from "../seed";
import { startTestSim, type Call, type TestSim } from "../testing/harness";
import { shapeDifferences, type ShapeOptions } from "../testing/shape";

/**
 * For every official CAPI example that the stand-in has a counterpart for,
 * the stand-in's response has the same shape (keys, nesting, null versus
 * absent, link and pagination structure), and the app's schemas parse it.
 */

const fixtures = new URL("../fixtures/capi/", import.meta.url);
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixtures), "utf8"));

const { spaces: s, securityGroups: g, orgs: o, isolationSegments: iso } = ids;

/** Rule keys are stored per rule, so any rule may lack any optional key (docs/cf-behaviour.md §2.1). */
const RULE_KEYS: ShapeOptions = { optionalKeys: ["ports", "type", "code", "description", "log"] };

type Counterpart = {
  /** Produces the stand-in's response for this fixture. */
  request: (t: TestSim) => Promise<Call>;
  status: number;
  schema?: { safeParse: (value: unknown) => { success: boolean; error?: { issues: unknown[] } } };
  options?: ShapeOptions;
  /** Fixed texts that must match the fixture exactly, not only in shape. */
  exact?: boolean;
};

const admin = { user: "admin" };

const counterparts: Record<string, Counterpart> = {
  "root.json": {
    request: (t) => t.call("GET", "/"),
    status: 200,
    schema: schemas.rootSchema,
    // A current CF runs with v2 disabled, and then omits its link (docs/cf-behaviour.md §3.6).
    options: { optionalKeys: ["cloud_controller_v2"] },
  },
  "v3_root.json": {
    request: (t) => t.call("GET", "/v3"),
    status: 200,
    schema: schemas.v3RootSchema,
    // [doc≠code] the code adds the two binding links and drops `experimental` (docs/cf-behaviour.md §3.6).
    options: { optionalKeys: ["service_credential_bindings", "service_route_bindings", "experimental"] },
  },
  "v3_info.json": {
    request: (t) => t.call("GET", "/v3/info"),
    status: 200,
    schema: schemas.infoSchema,
    // `custom` holds whatever the operator configured.
    options: { openObjects: ["custom"] },
  },
  "v3_info_unconfigured.json": {
    request: (t) => t.call("GET", "/v3/info"),
    status: 200,
    schema: schemas.infoSchema,
  },
  "organization.json": {
    request: (t) => t.call("GET", `/v3/organizations/${o.alpha}`, admin),
    status: 200,
    schema: schemas.organizationSchema,
  },
  "organization_list.json": {
    request: (t) => t.call("GET", "/v3/organizations", admin),
    status: 200,
    schema: schemas.organizationListSchema,
  },
  "pagination_example.json": {
    request: (t) => t.call("GET", "/v3/organizations?per_page=1", admin),
    status: 200,
    schema: schemas.organizationListSchema,
    // The docs' example is a fictional resource: only the list and pagination structure are compared.
    options: { openObjects: ["resources[]"] },
  },
  "organization_list_for_isolation_segment.json": {
    request: (t) => t.call("GET", `/v3/isolation_segments/${iso.alphaDedicated}/organizations`, admin),
    status: 200,
    schema: schemas.organizationListSchema,
  },
  "organization_default_isolation_segment.json": {
    request: async (t) => {
      await t.call("PATCH", `/v3/organizations/${o.alpha}/relationships/default_isolation_segment`, {
        ...admin,
        body: { data: { guid: iso.alphaDedicated } },
      });
      return t.call("GET", `/v3/organizations/${o.alpha}/relationships/default_isolation_segment`, admin);
    },
    status: 200,
    schema: schemas.toOneWithLinksSchema,
  },
  "space.json": {
    request: (t) => t.call("GET", `/v3/spaces/${s.alphaDev}`, admin),
    status: 200,
    schema: schemas.spaceSchema,
  },
  "space_list.json": {
    request: (t) => t.call("GET", "/v3/spaces", admin),
    status: 200,
    schema: schemas.spaceListSchema,
  },
  "space_isolation_segment.json": {
    request: (t) => t.call("GET", `/v3/spaces/${s.alphaProd}/relationships/isolation_segment`, admin),
    status: 200,
    schema: schemas.toOneWithLinksSchema,
  },
  "isolation_segment.json": {
    request: (t) => t.call("GET", `/v3/isolation_segments/${iso.alphaDedicated}`, admin),
    status: 200,
    schema: schemas.isolationSegmentSchema,
  },
  "isolation_segment_list.json": {
    request: (t) => t.call("GET", "/v3/isolation_segments?per_page=1", admin),
    status: 200,
    schema: schemas.isolationSegmentListSchema,
  },
  "isolation_segment_organizations_relationship.json": {
    request: (t) =>
      t.call("GET", `/v3/isolation_segments/${iso.alphaDedicated}/relationships/organizations`, admin),
    status: 200,
    schema: schemas.toManyWithLinksSchema,
  },
  "isolation_segment_spaces_relationship.json": {
    request: (t) => t.call("GET", `/v3/isolation_segments/${iso.alphaDedicated}/relationships/spaces`, admin),
    status: 200,
    schema: schemas.toManyWithLinksSchema,
  },
  "role.json": {
    request: async (t) => {
      const list = await t.call("GET", `/v3/roles?types=organization_auditor`, admin);
      const guid = (list.body as { resources: { guid: string }[] }).resources[0]?.guid ?? "";
      return t.call("GET", `/v3/roles/${guid}`, admin);
    },
    status: 200,
    schema: schemas.roleSchema,
  },
  "role_list.json": {
    request: (t) => t.call("GET", "/v3/roles?per_page=2", admin),
    status: 200,
    schema: schemas.roleListSchema,
  },
  "role_list_with_include.json": {
    request: (t) =>
      t.call(
        "GET",
        `/v3/roles?include=user,space,organization&per_page=1&types=organization_auditor,space_auditor`,
        admin,
      ),
    status: 200,
    schema: schemas.roleListSchema,
  },
  "user.json": {
    request: (t) => t.call("GET", `/v3/users/${ids.users.sam}`, admin),
    status: 200,
    schema: schemas.userSchema,
  },
  "user_with_custom_origin.json": {
    request: (t) => t.call("GET", `/v3/users/${ids.users.sam}`, admin),
    status: 200,
    schema: schemas.userSchema,
  },
  "user_list.json": {
    request: (t) => t.call("GET", "/v3/users?per_page=2", admin),
    status: 200,
    schema: schemas.userListSchema,
  },
  "security_group.json": {
    request: (t) => t.call("GET", `/v3/security_groups/${g.trustedLocal}`, admin),
    status: 200,
    schema: schemas.securityGroupSchema,
    options: RULE_KEYS,
  },
  "security_group_list.json": {
    request: (t) => t.call("GET", "/v3/security_groups", admin),
    status: 200,
    schema: schemas.securityGroupListSchema,
    options: RULE_KEYS,
  },
  "space_running_security_groups.json": {
    request: (t) => t.call("GET", `/v3/spaces/${s.alphaProd}/running_security_groups`, admin),
    status: 200,
    schema: schemas.securityGroupListSchema,
    options: RULE_KEYS,
  },
  "space_staging_security_groups.json": {
    request: (t) => t.call("GET", `/v3/spaces/${s.alphaProd}/staging_security_groups`, admin),
    status: 200,
    schema: schemas.securityGroupListSchema,
    options: RULE_KEYS,
  },
  "security_group_running_spaces_relationship.json": {
    request: (t) =>
      t.call("POST", `/v3/security_groups/${g.public}/relationships/running_spaces`, {
        ...admin,
        body: { data: [{ guid: s.alphaDev }] },
      }),
    status: 200,
    schema: schemas.securityGroupSpacesSchema,
  },
  "security_group_staging_spaces_relationship.json": {
    request: (t) =>
      t.call("POST", `/v3/security_groups/${g.trustedLocal}/relationships/staging_spaces`, {
        ...admin,
        body: { data: [{ guid: s.alphaDev }] },
      }),
    status: 200,
    schema: schemas.securityGroupSpacesSchema,
  },
  "job_complete.json": {
    request: async (t) => {
      const created = await t.call("POST", "/v3/security_groups", { ...admin, body: { name: "doomed" } });
      const guid = (created.body as { guid: string }).guid;
      const deleted = await t.call("DELETE", `/v3/security_groups/${guid}`, admin);
      const location = new URL(deleted.headers.get("location") ?? "").pathname;
      for (let i = 0; i < 50; i++) {
        const job = await t.call("GET", location, admin);
        if ((job.body as { state: string }).state === "COMPLETE") return job;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error("job did not complete");
    },
    status: 200,
    schema: schemas.jobSchema,
  },
  "error_not_authenticated.json": { request: (t) => t.call("GET", "/v3/spaces"), status: 401, exact: true },
  "error_invalid_auth_token.json": {
    request: (t) => t.call("GET", "/v3/spaces", { token: "not-a-token" }),
    status: 401,
    exact: true,
  },
  "error_not_authorized.json": {
    request: (t) => t.call("POST", "/v3/security_groups", { user: "sam", body: { name: "x" } }),
    status: 403,
    exact: true,
  },
  "error_org_suspended.json": {
    request: (t) =>
      t.call("POST", `/v3/security_groups/${g.public}/relationships/running_spaces`, {
        user: "sasha",
        body: { data: [{ guid: s.gammaLegacy }] },
      }),
    status: 403,
    exact: true,
  },
  "error_resource_not_found_security_group.json": {
    request: (t) => t.call("GET", `/v3/security_groups/${g.trustedLocal}`, { user: "sasha" }),
    status: 404,
    exact: true,
  },
  "error_security_group_bind_unknown_space.json": {
    request: (t) =>
      t.call("POST", `/v3/security_groups/${g.public}/relationships/running_spaces`, {
        ...admin,
        body: { data: [{ guid: "space-guid1" }] },
      }),
    status: 422,
    exact: true,
  },
  "error_security_group_name_taken.json": {
    request: async (t) => {
      await t.call("POST", "/v3/security_groups", { ...admin, body: { name: "my-group0" } });
      return t.call("POST", "/v3/security_groups", { ...admin, body: { name: "my-group0" } });
    },
    status: 422,
    exact: true,
  },
  "error_security_group_unbind_not_bound.json": {
    request: (t) =>
      t.call("DELETE", `/v3/security_groups/${g.public}/relationships/running_spaces/${s.alphaDev}`, admin),
    status: 422,
  },
  "error_security_group_invalid_rule.json": {
    request: (t) =>
      t.call("POST", "/v3/security_groups", {
        ...admin,
        body: { name: "bad", rules: [{ protocol: "sctp", destination: "10.0.0.0/8" }] },
      }),
    status: 422,
    exact: true,
  },
  "error_unprocessable_entity.json": {
    request: (t) =>
      t.call("POST", `/v3/security_groups/${g.public}/relationships/running_spaces`, {
        ...admin,
        body: { data: [] },
      }),
    status: 422,
  },
};

/** Fixtures the stand-in has no counterpart for, and why. */
const WITHOUT_COUNTERPART: Record<string, string> = {
  "audit_event.json": "no audit events: CF records none for security groups (docs/cf-behaviour.md §2.7)",
  "audit_event_list.json": "no audit events",
  "job_failed.json": "no stand-in job fails",
  "organization_usage_summary.json": "no apps, so no usage",
  "v3_info_usage_summary.json": "no apps, so no usage",
  "warnings_example.json": "no stand-in job warns",
};

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.close();
});

describe("the stand-in's CF API has the shape of the official examples", () => {
  it("covers every fixture file, or says why not", () => {
    const files = readdirSync(fixtures).filter((f) => f.endsWith(".json"));
    const uncovered = files.filter((f) => !(f in counterparts) && !(f in WITHOUT_COUNTERPART));
    expect(uncovered).toEqual([]);
  });

  it.each(Object.keys(counterparts))("%s", async (name) => {
    const spec = counterparts[name];
    if (!spec) throw new Error(name);
    await t.reset();
    const res = await spec.request(t);
    expect(res.status, res.text).toBe(spec.status);
    const expected = fixture(name);
    expect(shapeDifferences(res.body, expected, spec.options)).toEqual([]);
    if (spec.schema) expect(spec.schema.safeParse(res.body).error?.issues ?? []).toEqual([]);
    if (spec.exact) expect(res.body).toEqual(expected);
  });
});

describe("pagination", () => {
  it("links repeat the filters in sorted, encoded form and end in null", async () => {
    await t.reset();
    const res = await t.call(
      "GET",
      `/v3/spaces?per_page=2&names=dev,prod&order_by=-created_at&page=2`,
      admin,
    );
    const body = res.body as z.infer<typeof schemas.spaceListSchema>;
    expect(body.pagination.total_results).toBe(4);
    expect(body.pagination.total_pages).toBe(2);
    expect(body.pagination.next).toBeNull();
    expect(body.pagination.previous?.href).toBe(
      `${t.sim.cfUrl}/v3/spaces?names=dev%2Cprod&order_by=-created_at&page=1&per_page=2`,
    );
    expect(body.pagination.first.href).toBe(body.pagination.previous?.href);
  });

  it("answers a page past the last one as CC does: no resources, the real count, no next", async () => {
    await t.reset();
    const res = await t.call("GET", `/v3/spaces?per_page=2&names=dev,prod&page=5`, admin);
    expect(res.status).toBe(200);
    const body = res.body as z.infer<typeof schemas.spaceListSchema>;
    expect(body.resources).toEqual([]);
    expect(body.pagination).toMatchObject({ total_results: 4, total_pages: 2, next: null });
    expect(body.pagination.last.href).toBe(`${t.sim.cfUrl}/v3/spaces?names=dev%2Cprod&page=2&per_page=2`);
    // CC's presenter links the page before the one asked, not the last page.
    expect(body.pagination.previous?.href).toBe(
      `${t.sim.cfUrl}/v3/spaces?names=dev%2Cprod&page=4&per_page=2`,
    );
  });

  it("has at least one page when there are no results", async () => {
    const res = await t.call("GET", "/v3/spaces?names=nothing", admin);
    const body = res.body as z.infer<typeof schemas.spaceListSchema>;
    expect(body.pagination.total_pages).toBe(1);
    expect(body.resources).toEqual([]);
    expect(body.pagination.next).toBeNull();
  });

  it("caps per_page at 5000 with CC's texts and statuses", async () => {
    expect((await t.call("GET", "/v3/spaces?per_page=5000", admin)).status).toBe(200);
    const spaces = await t.call("GET", "/v3/spaces?per_page=5001", admin);
    expect(spaces.status).toBe(400);
    expect((spaces.body as { errors: { detail: string }[] }).errors[0]?.detail).toBe(
      "The query parameter is invalid: Per page must be between 1 and 5000",
    );
    expect((await t.call("GET", "/v3/security_groups?per_page=0", admin)).status).toBe(422);
  });

  it("orders roles by creation by default and says so in the links", async () => {
    const res = await t.call("GET", "/v3/roles?per_page=1", admin);
    const body = res.body as z.infer<typeof schemas.roleListSchema>;
    expect(body.pagination.next?.href).toBe(
      `${t.sim.cfUrl}/v3/roles?order_by=%2Bcreated_at&page=2&per_page=1`,
    );
  });

  it("answers unknown parameters as each endpoint does", async () => {
    const sg = await t.call("GET", "/v3/security_groups?blork=busted", admin);
    expect(sg.status).toBe(422);
    expect((sg.body as { errors: { detail: string }[] }).errors[0]?.detail).toBe(
      "Unknown query parameter(s): 'blork'. Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'names', 'running_space_guids', 'staging_space_guids', 'globally_enabled_running', 'globally_enabled_staging'",
    );
    expect((await t.call("GET", "/v3/spaces?blork=busted", admin)).status).toBe(400);
  });

  it("filters security groups as CC does", async () => {
    const names = async (query: string) =>
      (
        (await t.call("GET", `/v3/security_groups?${query}`, admin)).body as { resources: { name: string }[] }
      ).resources
        .map((r) => r.name)
        .sort();
    expect(await names("globally_enabled_running=true")).toEqual(["dns"]);
    expect(await names("globally_enabled_staging=true")).toEqual(["dns", "public_networks_egress"]);
    expect(await names(`running_space_guids=${s.alphaStaging}`)).toEqual(["trusted_local_networks_egress"]);
    expect(await names("names=dns,public_networks_egress")).toEqual(["dns", "public_networks_egress"]);
    expect(await names("names=DNS")).toEqual([]);
  });

  it("filters by several spaces at once, ORed, with filters ANDed and pages by page=N", async () => {
    await t.reset();
    type Listed = {
      pagination: { total_results: number; total_pages: number };
      resources: {
        name: string;
        relationships: Record<"running_spaces" | "staging_spaces", { data: { guid: string }[] }>;
      }[];
    };
    const list = async (query: string, user = "admin") =>
      (await t.call("GET", `/v3/security_groups?${query}`, { user })).body as Listed;
    const names = async (query: string, user = "admin") =>
      (await list(query, user)).resources.map((r) => r.name).sort();
    // A group bound to any of the listed spaces matches; running and staging bindings are separate.
    expect(await names(`running_space_guids=${s.alphaSandbox},${s.betaProd}`)).toEqual([
      "public_networks_egress",
      "trusted_local_networks_egress",
    ]);
    expect(await names(`staging_space_guids=${s.alphaSandbox},${s.betaProd}`)).toEqual([]);
    await t.call("POST", `/v3/security_groups/${g.dns}/relationships/staging_spaces`, {
      ...admin,
      body: { data: [{ guid: s.betaDev }] },
    });
    expect(await names(`staging_space_guids=${s.betaDev}`)).toEqual(["dns"]);
    expect(await names(`running_space_guids=${s.betaDev}`)).toEqual([]);
    // Different filters are ANDed, so "bound here or platform-wide" takes two requests.
    expect(await names(`running_space_guids=${s.alphaProd}&globally_enabled_running=false`)).toEqual([
      "public_networks_egress",
      "trusted_local_networks_egress",
    ]);
    expect(await names(`running_space_guids=${s.alphaProd}&globally_enabled_running=true`)).toEqual([]);
    // Page N of a filtered list, as a client asks for the pages after the first all at once.
    const second = await list(`running_space_guids=${s.alphaProd},${s.alphaSandbox}&per_page=1&page=2`);
    expect(second.pagination).toMatchObject({ total_results: 2, total_pages: 2 });
    expect(second.resources.map((r) => r.name)).toEqual(["trusted_local_networks_egress"]);
  });

  it("keeps each filtered group's bindings filtered by what the caller can read, not by the filter", async () => {
    await t.reset();
    const res = await t.call("GET", `/v3/security_groups?running_space_guids=${s.alphaStaging}`, {
      user: "olivia",
    });
    const [group] = (
      res.body as { resources: { relationships: { running_spaces: { data: { guid: string }[] } } }[] }
    ).resources;
    // Bound to alpha/staging, alpha/prod and beta/prod: olivia manages agency-alpha only.
    expect(group?.relationships.running_spaces.data.map((d) => d.guid).sort()).toEqual(
      [s.alphaStaging, s.alphaProd].sort(),
    );
    // As in CC, the space filter joins the bindings themselves: a space the caller cannot read still
    // selects a group the caller can see, and a group the caller cannot see stays hidden.
    const names = async (query: string, user: string) =>
      (
        (await t.call("GET", `/v3/security_groups?${query}`, { user })).body as {
          resources: { name: string }[];
        }
      ).resources.map((r) => r.name);
    expect(await names(`running_space_guids=${s.betaProd}`, "olivia")).toEqual([
      "trusted_local_networks_egress",
    ]);
    expect(await names(`running_space_guids=${s.alphaStaging}`, "sasha")).toEqual([]);
  });
});

describe("tokens and scopes", () => {
  it("refuses a token without cloud_controller.read on a GET", async () => {
    const response = await fetch(`${t.sim.uaaUrl}/oauth/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from("cf:").toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
      },
      body: new URLSearchParams({
        grant_type: "password",
        username: "sam",
        password: "demo-password",
        scope: "openid cloud_controller.write",
      }),
    });
    const { access_token } = (await response.json()) as { access_token: string };
    const res = await t.call("GET", "/v3/spaces", { token: access_token });
    expect(res.status).toBe(403);
  });

  it("refuses a token signed by someone else", async () => {
    const [header, payload] = (await t.token("admin")).split(".");
    const forged = `${header}.${payload}.${Buffer.from("not the signature").toString("base64url")}`;
    expect((await t.call("GET", "/v3/spaces", { token: forged })).status).toBe(401);
  });

  it("names the caller in X-USER-GUID", async () => {
    const res = await t.call("GET", "/v3/spaces", { user: "sam" });
    expect(res.headers.get("x-user-guid")).toBe(ids.users.sam);
  });
});
