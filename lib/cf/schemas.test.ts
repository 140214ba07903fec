import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import * as s from "./schemas";

/**
 * Every official example payload in sim/fixtures/capi parses with the
 * schema the app uses for it. A fixture without a schema fails the suite, so
 * a new fixture cannot slip by unchecked.
 */

const fixtures = new URL("../../sim/fixtures/capi/", import.meta.url);

const schemaFor: Record<string, z.ZodType> = {
  "audit_event.json": s.auditEventSchema,
  "audit_event_list.json": s.auditEventListSchema,
  "error_invalid_auth_token.json": s.cfErrorBodySchema,
  "error_not_authenticated.json": s.cfErrorBodySchema,
  "error_not_authorized.json": s.cfErrorBodySchema,
  "error_org_suspended.json": s.cfErrorBodySchema,
  "error_resource_not_found_security_group.json": s.cfErrorBodySchema,
  "error_security_group_bind_unknown_space.json": s.cfErrorBodySchema,
  "error_security_group_invalid_rule.json": s.cfErrorBodySchema,
  "error_security_group_name_taken.json": s.cfErrorBodySchema,
  "error_security_group_unbind_not_bound.json": s.cfErrorBodySchema,
  "error_unprocessable_entity.json": s.cfErrorBodySchema,
  "isolation_segment.json": s.isolationSegmentSchema,
  "isolation_segment_list.json": s.isolationSegmentListSchema,
  "isolation_segment_organizations_relationship.json": s.toManyWithLinksSchema,
  "isolation_segment_spaces_relationship.json": s.toManyWithLinksSchema,
  "job_complete.json": s.jobSchema,
  "job_failed.json": s.jobSchema,
  "organization.json": s.organizationSchema,
  "organization_default_isolation_segment.json": s.toOneWithLinksSchema,
  "organization_list.json": s.organizationListSchema,
  "organization_list_for_isolation_segment.json": s.organizationListSchema,
  "organization_usage_summary.json": s.usageSummarySchema,
  "pagination_example.json": s.genericListSchema,
  "role.json": s.roleSchema,
  "role_list.json": s.roleListSchema,
  "role_list_with_include.json": s.roleListSchema,
  "root.json": s.rootSchema,
  "security_group.json": s.securityGroupSchema,
  "security_group_list.json": s.securityGroupListSchema,
  "security_group_running_spaces_relationship.json": s.securityGroupSpacesSchema,
  "security_group_staging_spaces_relationship.json": s.securityGroupSpacesSchema,
  "space.json": s.spaceSchema,
  "space_isolation_segment.json": s.toOneWithLinksSchema,
  "space_list.json": s.spaceListSchema,
  "space_running_security_groups.json": s.securityGroupListSchema,
  "space_staging_security_groups.json": s.securityGroupListSchema,
  "user.json": s.userSchema,
  "user_list.json": s.userListSchema,
  "user_with_custom_origin.json": s.userSchema,
  "v3_info.json": s.infoSchema,
  "v3_info_unconfigured.json": s.infoSchema,
  "v3_info_usage_summary.json": s.usageSummarySchema,
  "v3_root.json": s.v3RootSchema,
  "warnings_example.json": s.warningsSchema,
};

const files = readdirSync(fixtures).filter((f) => f.endsWith(".json"));

describe("CF API schemas parse every official example", () => {
  it("has a schema for every fixture file", () => {
    expect(files.filter((f) => !(f in schemaFor))).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(45);
  });

  it.each(files)("%s", (file) => {
    const json: unknown = JSON.parse(readFileSync(new URL(file, fixtures), "utf8"));
    const schema = schemaFor[file];
    if (!schema) throw new Error(`no schema for ${file}`);
    const result = schema.safeParse(json);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it("keeps the docs' quirks rather than rejecting them", () => {
    const list = s.securityGroupListSchema.parse(
      JSON.parse(readFileSync(new URL("security_group_list.json", fixtures), "utf8")),
    );
    expect(list.pagination.total_results).toBe(1);
    expect(list.resources).toHaveLength(2);
  });

  it("rejects what is not a CF resource", () => {
    expect(s.securityGroupSchema.safeParse({ guid: "x", name: "y" }).success).toBe(false);
    expect(s.cfErrorBodySchema.safeParse({ errors: [] }).success).toBe(false);
    expect(s.spaceSchema.safeParse({ ...minimalSpace(), relationships: {} }).success).toBe(false);
  });
});

function minimalSpace() {
  return {
    guid: "g",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    name: "dev",
    relationships: { organization: { data: { guid: "o" } } },
    links: {},
    metadata: { labels: {}, annotations: {} },
  };
}
