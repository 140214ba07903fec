import { type SecurityGroup, type World } from "../../world";
import { isRecord, type Ctx } from "../context";
import { notAuthorized, notFound } from "../errors";
import { ruleProblems } from "../rules";

/**
 * The checks of the security-group routes (./security-groups.ts,
 * ./security-group-bindings.ts): who may see and change a group, and the
 * validation messages of a create or update, worded and joined as CC words them.
 */

export type Lifecycle = "running" | "staging";

const groupNotFound = () => notFound("Security group");

export function visibleGroup(ctx: Ctx, guid: string): SecurityGroup {
  const group = ctx.world.securityGroups.get(guid);
  if (!group || !ctx.access.canSeeSecurityGroup(group)) throw groupNotFound();
  return group;
}

export function requireAdmin(ctx: Ctx): void {
  if (!ctx.access.isAdmin) throw notAuthorized();
}

/** Validation messages of the create and update messages, joined as CC joins them. */
export function validateGroupFields(body: Record<string, unknown>, ctx: Ctx, creating: boolean): string[] {
  const problems: string[] = [];
  if (creating || "name" in body) {
    const name = body.name;
    if (name === undefined || name === null || name === "") problems.push("Name can't be blank");
    else if (typeof name !== "string") problems.push("Name must be a string");
    else if (name.length > 250) problems.push("Name is too long (maximum is 250 characters)");
  }
  if ("globally_enabled" in body) {
    const ge = body.globally_enabled;
    if (!isRecord(ge)) {
      problems.push("Globally enabled must be an object");
    } else {
      const unknown = Object.keys(ge).filter((k) => k !== "running" && k !== "staging");
      if (unknown.length > 0) {
        problems.push(`Globally enabled Unknown field(s): ${unknown.map((k) => `'${k}'`).join(", ")}`);
      }
      for (const key of ["running", "staging"] as const) {
        if (key in ge && typeof ge[key] !== "boolean")
          problems.push(`Globally enabled ${key} must be a boolean`);
      }
    }
  }
  if ("rules" in body) problems.push(...ruleProblems(body.rules, ctx.flags));
  return problems;
}

export function relationshipGuids(value: unknown, lifecycle: Lifecycle, problems: string[]): string[] {
  if (value === undefined) return [];
  const data = isRecord(value) ? value.data : undefined;
  if (!Array.isArray(data) || !data.every((d) => isRecord(d) && typeof d.guid === "string")) {
    problems.push(
      `Relationships ${lifecycle} spaces must be structured like this: "${lifecycle}_spaces: {"data": [{"guid": "valid-guid"},{"guid": "valid-guid"}]}"`,
    );
    return [];
  }
  return data.map((d) => String((d as Record<string, unknown>).guid));
}

export function nameTaken(world: World, name: string, except?: string): boolean {
  return [...world.securityGroups.values()].some((g) => g.name === name && g.guid !== except);
}

export const rubyList = (guids: string[]) => `[${guids.map((g) => `"${g}"`).join(", ")}]`;
