import { z } from "zod";

/**
 * Schemas of the CF API v3 responses the dashboard reads. They parse every
 * official example in sim/fixtures/capi, including the docs' own
 * inconsistencies (a `total_results` that disagrees with the resources, a
 * truncated guid in a link), so guids and hrefs are plain strings here;
 * route parameters are validated separately (lib/cf/ids.ts).
 *
 * Objects are not strict: CF adds fields over time, and a new field must not
 * break the dashboard. Fields added in later CF versions are optional.
 */

export const linkSchema = z.object({ href: z.string(), method: z.string().optional() });
export type Link = z.infer<typeof linkSchema>;

const timestamps = { created_at: z.string(), updated_at: z.string() };

export const metadataSchema = z.object({
  labels: z.record(z.string(), z.string().nullable()).default({}),
  annotations: z.record(z.string(), z.string().nullable()).default({}),
});

const guidRef = z.object({ guid: z.string() });
export const toOneSchema = z.object({ data: guidRef.nullable() });
export const toManySchema = z.object({ data: z.array(guidRef) });

export const paginationSchema = z.object({
  total_results: z.number().int().nonnegative(),
  total_pages: z.number().int().nonnegative(),
  first: linkSchema,
  last: linkSchema,
  next: linkSchema.nullable(),
  previous: linkSchema.nullable(),
});

export function listSchema<T extends z.ZodType>(resource: T) {
  return z.object({ pagination: paginationSchema, resources: z.array(resource) });
}

// --- errors -----------------------------------------------------------------

export const cfErrorItemSchema = z.object({ detail: z.string(), title: z.string(), code: z.number().int() });
export const cfErrorBodySchema = z.object({ errors: z.array(cfErrorItemSchema).min(1) });
export type CfErrorItem = z.infer<typeof cfErrorItemSchema>;

// --- root -------------------------------------------------------------------

const rootLink = linkSchema.extend({ meta: z.record(z.string(), z.unknown()).optional() }).nullable();
export const rootSchema = z.object({
  links: z
    .object({ self: linkSchema, login: rootLink.optional(), uaa: rootLink.optional() })
    .catchall(rootLink),
});
export type Root = z.infer<typeof rootSchema>;

export const v3RootSchema = z.object({
  links: z.record(z.string(), linkSchema.extend({ experimental: z.boolean().optional() })),
});

export const infoSchema = z.object({
  build: z.string(),
  cli_version: z.object({ minimum: z.string(), recommended: z.string() }),
  custom: z.record(z.string(), z.unknown()),
  description: z.string(),
  name: z.string(),
  version: z.number(),
  osbapi_version: z.string(),
  rate_limits: z
    .object({ enabled: z.boolean(), general_limit: z.number(), reset_interval_in_minutes: z.number() })
    .optional(),
  links: z.object({ self: linkSchema, support: linkSchema }),
});

// --- organizations and spaces -----------------------------------------------

export const organizationSchema = z.object({
  guid: z.string(),
  ...timestamps,
  name: z.string(),
  suspended: z.boolean(),
  relationships: z.object({ quota: toOneSchema }),
  links: z.record(z.string(), linkSchema),
  metadata: metadataSchema,
});
export type Organization = z.infer<typeof organizationSchema>;

export const spaceSchema = z.object({
  guid: z.string(),
  ...timestamps,
  name: z.string(),
  /** Added in CAPI 3.224; older platforms omit it. */
  suspended: z.boolean().optional(),
  relationships: z.object({
    organization: z.object({ data: guidRef }),
    quota: toOneSchema.optional(),
  }),
  links: z.record(z.string(), linkSchema),
  metadata: metadataSchema,
});
export type Space = z.infer<typeof spaceSchema>;

/** A space as foundation-wide views use it: at 20,000 spaces, links and metadata were most of the parse. */
export const spaceSummarySchema = spaceSchema.pick({ guid: true, name: true }).extend({
  relationships: z.object({ organization: z.object({ data: guidRef }) }),
});
export type SpaceSummary = z.infer<typeof spaceSummarySchema>;
export const spaceSummaryListSchema = listSchema(spaceSummarySchema);

export const organizationListSchema = listSchema(organizationSchema);
export const spaceListSchema = listSchema(spaceSchema).extend({
  included: z.object({ organizations: z.array(organizationSchema).optional() }).optional(),
});

// --- users and roles --------------------------------------------------------

export const userSchema = z.object({
  guid: z.string(),
  ...timestamps,
  /** Null for client (non-user) accounts. */
  username: z.string().nullable(),
  presentation_name: z.string(),
  origin: z.string().nullable(),
  metadata: metadataSchema,
  links: z.object({ self: linkSchema }),
});
export type User = z.infer<typeof userSchema>;
export const userListSchema = listSchema(userSchema);

export const roleTypeSchema = z.enum([
  "organization_user",
  "organization_auditor",
  "organization_manager",
  "organization_billing_manager",
  "space_auditor",
  "space_developer",
  "space_manager",
  "space_supporter",
]);
export type RoleType = z.infer<typeof roleTypeSchema>;

export const roleSchema = z.object({
  guid: z.string(),
  ...timestamps,
  type: roleTypeSchema,
  relationships: z.object({ user: toOneSchema, organization: toOneSchema, space: toOneSchema }),
  links: z.record(z.string(), linkSchema),
});
export type Role = z.infer<typeof roleSchema>;

export const roleListSchema = listSchema(roleSchema).extend({
  included: z
    .object({
      users: z.array(userSchema).optional(),
      organizations: z.array(organizationSchema).optional(),
      spaces: z.array(spaceSchema).optional(),
    })
    .optional(),
});

// --- security groups --------------------------------------------------------

/** A rule keeps exactly the keys that were stored (docs/cf-behaviour.md §2.1). */
export const securityGroupRuleSchema = z.object({
  protocol: z.string(),
  destination: z.string(),
  ports: z.string().optional(),
  type: z.number().int().optional(),
  code: z.number().int().optional(),
  description: z.string().optional(),
  log: z.boolean().optional(),
});
export type SecurityGroupRule = z.infer<typeof securityGroupRuleSchema>;

export const securityGroupSchema = z.object({
  guid: z.string(),
  ...timestamps,
  name: z.string(),
  globally_enabled: z.object({ running: z.boolean(), staging: z.boolean() }),
  rules: z.array(securityGroupRuleSchema),
  relationships: z.object({ running_spaces: toManySchema, staging_spaces: toManySchema }),
  links: z.object({ self: linkSchema }),
});
export type SecurityGroup = z.infer<typeof securityGroupSchema>;
export const securityGroupListSchema = listSchema(securityGroupSchema);

/** The body of a bind: every space now bound for the lifecycle. */
export const securityGroupSpacesSchema = toManySchema.extend({ links: z.object({ self: linkSchema }) });

// --- isolation segments -----------------------------------------------------

export const isolationSegmentSchema = z.object({
  guid: z.string(),
  name: z.string(),
  ...timestamps,
  links: z.record(z.string(), linkSchema),
  metadata: metadataSchema,
});
export type IsolationSegment = z.infer<typeof isolationSegmentSchema>;
export const isolationSegmentListSchema = listSchema(isolationSegmentSchema);

/** Org default segment, space segment: `related` only when set. */
export const toOneWithLinksSchema = toOneSchema.extend({
  links: z.object({ self: linkSchema, related: linkSchema.optional() }),
});
export const toManyWithLinksSchema = toManySchema.extend({
  links: z.object({ self: linkSchema, related: linkSchema.optional() }),
});

// --- jobs -------------------------------------------------------------------

export const jobSchema = z.object({
  guid: z.string(),
  ...timestamps,
  operation: z.string(),
  state: z.enum(["PROCESSING", "POLLING", "COMPLETE", "FAILED"]),
  links: z.record(z.string(), linkSchema),
  errors: z.array(cfErrorItemSchema),
  warnings: z.array(z.object({ detail: z.string() })),
});
export type Job = z.infer<typeof jobSchema>;

// --- read for completeness: audit events, usage summaries, warnings ------------

export const auditEventSchema = z.object({
  guid: z.string(),
  ...timestamps,
  type: z.string(),
  actor: z.object({ guid: z.string(), type: z.string(), name: z.string() }),
  target: z.object({ guid: z.string(), type: z.string(), name: z.string() }),
  data: z.record(z.string(), z.unknown()),
  space: guidRef.nullable(),
  organization: guidRef.nullable(),
  links: z.object({ self: linkSchema }),
});
export const auditEventListSchema = listSchema(auditEventSchema);

export const usageSummarySchema = z.object({
  usage_summary: z.record(z.string(), z.number()),
  links: z.record(z.string(), linkSchema),
});

/** Warnings as CC attaches them to jobs (and, URL-encoded, to the X-Cf-Warnings header). */
export const warningsSchema = z.object({ warnings: z.array(z.object({ detail: z.string() })) });

/** The generic shape of the docs' pagination example. */
export const genericListSchema = listSchema(
  z.object({ guid: z.string(), ...timestamps, links: z.object({ self: linkSchema }) }).catchall(z.unknown()),
);
