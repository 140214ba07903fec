import { z } from "zod";
import { parseRule, type CfRule, type ParsedRule } from "./rules";

/**
 * The destination catalog: the places a user cares about ("RDS", "the public
 * web"), each described with CF's own rule syntax so an operator can copy
 * subnets straight from their ASGs. It is configuration (docs/design.md §4), so it
 * is validated like configuration: a bad file fails with the path of the bad
 * field, at start-up rather than as a wrong answer later.
 */

export const required = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? "is required" : `must be ${what}`),
});

/** Custom wording for a wrong type only; other issues (such as unknown keys) keep zod's message. */
export const objectError = (message: string) => ({
  error: (issue: { code?: string }) => (issue.code === "invalid_type" ? message : undefined),
});

const endpointSchema = z
  .strictObject(
    {
      protocol: z.enum(["tcp", "udp", "icmp", "all"], required("one of tcp, udp, icmp, all")),
      destination: z.string(required("a string")),
      ports: z.string().optional(),
      // ICMP endpoints may narrow to one type/code; absent means every ICMP message.
      type: z.number().optional(),
      code: z.number().optional(),
    },
    objectError("must be an object"),
  )
  .superRefine((endpoint, ctx) => {
    const result = parseRule(asRule(endpoint), 0);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.problem.reason, path: [result.problem.field] });
    }
  });

export type CatalogEndpoint = z.infer<typeof endpointSchema>;

export const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const destinationSchema = z
  .strictObject(
    {
      id: z
        .string(required("a string"))
        .regex(ID, "must be lowercase letters, digits and single hyphens, e.g. public-web"),
      label: z.string(required("a string")).trim().min(1, "must not be empty"),
      asg_governed: z.boolean(required("true or false")),
      endpoints: z.array(endpointSchema).default([]),
    },
    objectError("must be an object"),
  )
  .superRefine((destination, ctx) => {
    if (destination.asg_governed && destination.endpoints.length === 0) {
      ctx.addIssue({
        code: "custom",
        message: "a destination governed by ASGs needs at least one endpoint",
        path: ["endpoints"],
      });
    }
    if (!destination.asg_governed && destination.endpoints.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: "endpoints are not evaluated when asg_governed is false; remove them",
        path: ["endpoints"],
      });
    }
  });

export type CatalogDestination = z.infer<typeof destinationSchema>;

/** The catalog's fields, shared with the platform file (./platform.ts), which adds the profiles. */
export const catalogFields = {
  name: z.string(required("a string")).trim().min(1, "must not be empty"),
  destinations: z.array(destinationSchema, required("a list")).min(1, "must list at least one destination"),
};

/** Each id once: a duplicate would make two columns answer to one name. */
export function uniqueIds<K extends string>(
  items: readonly Record<K, unknown>[],
  key: K,
  path: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<unknown>();
  items.forEach((item, index) => {
    if (seen.has(item[key])) {
      ctx.addIssue({
        code: "custom",
        message: `duplicate ${key} "${String(item[key])}"`,
        path: [path, index, key],
      });
    }
    seen.add(item[key]);
  });
}

const catalogSchema = z
  .strictObject(catalogFields, objectError('must be a JSON object with "name" and "destinations"'))
  .superRefine((catalog, ctx) => uniqueIds(catalog.destinations, "id", "destinations", ctx));

export type Catalog = z.infer<typeof catalogSchema>;

/** An endpoint in rule form; ICMP without type/code means every ICMP message. */
export function asRule(endpoint: CatalogEndpoint): CfRule {
  const { protocol, destination, ports, type, code } = endpoint;
  if (protocol === "icmp") return { protocol, destination, ports, type: type ?? -1, code: code ?? -1 };
  return { protocol, destination, ports, type, code };
}

/** The endpoint as a set (addresses × services); only valid for endpoints of a parsed catalog. */
export function endpointAsRule(endpoint: CatalogEndpoint): ParsedRule {
  const result = parseRule(asRule(endpoint), 0);
  if (!result.ok) throw new Error(`endpoint was not validated: ${result.problem.reason}`);
  return result.rule;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    const name = String(key);
    return text === "" ? name : `${text}.${name}`;
  }, "");
}

export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid egress catalog:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "CatalogError";
  }
}

/**
 * Validates a catalog. Throws a CatalogError naming every bad field by its
 * path, e.g. `destinations[3].endpoints[0].ports: ports must be …`.
 */
export function parseCatalog(json: unknown): Catalog {
  const result = catalogSchema.safeParse(json);
  if (result.success) return result.data;
  throw new CatalogError(
    result.error.issues.map((issue) => {
      const where = formatPath(issue.path);
      return where === "" ? issue.message : `${where}: ${issue.message}`;
    }),
  );
}
