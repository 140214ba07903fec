import { defaultCatalog } from "../../default-catalog";
import { DEFAULT_PROFILES } from "../../profiles";
import type { CfRule } from "../../rules";
import realGroups from "../fixtures/groups.json";
import { lintContext } from "../index";
import type { LintContext, LintGroup } from "../types";

let next = 0;

/** A group for a test: unbound and not platform-wide unless told. */
export function group(name: string, rules: CfRule[], extra: Partial<LintGroup> = {}): LintGroup {
  next += 1;
  return {
    guid: `00000000-0000-4000-8000-${String(next).padStart(12, "0")}`,
    name,
    rules,
    global: { running: false, staging: false },
    boundFor: ["running"],
    ...extra,
  };
}

type RealEntry = { globally_enabled: { running: boolean; staging: boolean }; rules: CfRule[] };

/** A group from fixtures/groups.json (see its README for the sources), under the name its source gives it. */
export function real(id: keyof typeof realGroups, extra: Partial<LintGroup> = {}): LintGroup {
  const entry = realGroups[id] as RealEntry;
  const name = id.slice(id.indexOf("/") + 1);
  return group(name, entry.rules, { global: entry.globally_enabled, ...extra });
}

/** The built-in platform file (cloud.gov's profiles on the stand-in's network), an admin's view. */
export function context(seen: readonly LintGroup[] = [], options: Partial<LintContext> = {}): LintContext {
  return {
    ...lintContext(
      { dynamicAsgs: true, seesAllBindings: true, catalog: defaultCatalog, profiles: DEFAULT_PROFILES },
      seen,
    ),
    ...options,
  };
}
