import { z } from "zod";
import {
  CatalogError,
  catalogFields,
  formatPath,
  ID,
  objectError,
  required,
  uniqueIds,
  type Catalog,
} from "./catalog";
import type { Profile } from "./profiles";

/**
 * The platform file: everything that differs between Cloud Foundry
 * platforms, in one JSON file named by `EGRESS_CATALOG_FILE` — the
 * destination catalog (docs/design.md §4) and the egress profiles, because
 * platforms name their groups differently (cloud.gov:
 * `public_networks_egress`, `trusted_local_networks_egress`; cf-deployment:
 * `public_networks`, `dns`). Validated like the rest of the configuration,
 * at start-up, with the path of every bad field. docs/platform-file.md
 * describes it for operators.
 *
 * `profiles` may be left out: a catalog file written before profiles moved
 * here keeps cloud.gov's two.
 */

const profileSchema = z.strictObject(
  {
    id: z
      .string(required("a string"))
      .regex(ID, "must be lowercase letters, digits and single hyphens, e.g. public"),
    label: z.string(required("a string")).trim().min(1, "must not be empty"),
    /** The security group's name exactly as in CF (`cf security-groups`). */
    group: z
      .string(required("a string"))
      .trim()
      .min(1, "must not be empty")
      .max(250, "must be at most 250 characters"),
    description: z.string(required("a string")).trim().min(1, "must not be empty").optional(),
    /**
     * The destinations the profile's group opens, by id: what the dashboard tells a user who cannot
     * see the group which profile they would need. Where the user sees the group, its rules decide.
     */
    opens: z.array(z.string(required("a string")), required("a list of destination ids")).optional(),
  },
  objectError('must be an object with "id", "label", "group" and optionally "description" and "opens"'),
);

/** Parsed lazily: the default profiles come from the built-in platform file, parsed by this same schema. */
function platformSchema(fallbackProfiles: () => readonly Profile[]) {
  return z
    .strictObject(
      {
        ...catalogFields,
        profiles: z
          .array(profileSchema, required("a list"))
          .min(1, "must list at least one profile")
          .optional(),
      },
      objectError('must be a JSON object with "name", "destinations" and optionally "profiles"'),
    )
    .superRefine((platform, ctx) => {
      uniqueIds(platform.destinations, "id", "destinations", ctx);
      if (platform.profiles) {
        uniqueIds(platform.profiles, "id", "profiles", ctx);
        uniqueIds(platform.profiles, "group", "profiles", ctx);
        const ids = new Set(platform.destinations.map((d) => d.id));
        platform.profiles.forEach((profile, i) =>
          profile.opens?.forEach((id, j) => {
            if (!ids.has(id))
              ctx.addIssue({
                code: "custom",
                path: ["profiles", i, "opens", j],
                message: `names no destination of this file ("${id}")`,
              });
          }),
        );
      }
    })
    .transform(({ profiles, ...catalog }): Platform => ({
      catalog,
      profiles: profiles ?? [...fallbackProfiles()],
    }));
}

export type Platform = { catalog: Catalog; profiles: readonly Profile[] };

/**
 * Validates a platform file. Throws a CatalogError naming every bad field by
 * its path, e.g. `profiles[1].group: must not be empty`.
 */
export function parsePlatform(
  json: unknown,
  fallbackProfiles: () => readonly Profile[] = () => [],
): Platform {
  const result = platformSchema(fallbackProfiles).safeParse(json);
  if (result.success) return result.data;
  throw new CatalogError(
    result.error.issues.map((issue) => {
      const where = formatPath(issue.path);
      return where === "" ? issue.message : `${where}: ${issue.message}`;
    }),
  );
}
