import { z } from "zod";
import { paginationSchema, securityGroupSchema, type SecurityGroup } from "./schemas";

/**
 * Which groups of the whole list a question about traffic keeps
 * (listSecurityGroupsWhere in ./security-groups.ts), decided on each group's
 * head as CF sent it: its guid, name, platform-wide flags and rules. On a
 * foundation most groups allow none of a searched destination's traffic, and
 * their bindings (a shared group's hundreds of spaces) and links were checked
 * and copied by the schema only to be dropped. The head alone is checked
 * first; a group whose head does not pass is kept, for the full schema to
 * refuse, so the list fails as it would have.
 */

export type GroupHead = Pick<SecurityGroup, "guid" | "name" | "globally_enabled" | "rules">;

const headSchema = securityGroupSchema.pick({ guid: true, name: true, globally_enabled: true, rules: true });

/** A page of the group list of which only the groups whose head `keep` accepts are checked whole and kept. */
export function pageKeepingHeads(keep: (head: GroupHead) => boolean) {
  const kept = (raw: unknown) => {
    const head = headSchema.safeParse(raw);
    return !head.success || keep(head.data);
  };
  return z.object({
    pagination: paginationSchema,
    resources: z
      .array(z.unknown())
      .transform((resources) => resources.filter(kept))
      .pipe(z.array(securityGroupSchema)),
  });
}
