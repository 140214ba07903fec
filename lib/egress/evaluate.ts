import type { Catalog } from "./catalog";
import {
  compileCatalog,
  compileGroup,
  type CompiledDestination,
  type CompiledGroup,
  type DestinationCover,
  type EndpointCover,
} from "./compile";
import type { CfRule, RuleProblem } from "./rules";
import { covers, type Coord, type Rect } from "./sets";

/** A security group as the engine needs it; `rules` exactly as CF returns them. */
export type SecurityGroup = { name: string; guid?: string; rules: readonly CfRule[] };

export type DestinationStatus = "allowed" | "partial" | "blocked";

/** A rule that allows some of a destination's traffic. */
export type Provenance = { group: string; ruleIndex: number };

export type DestinationResult = {
  id: string;
  label: string;
  /** allowed: some endpoint fully; partial: some traffic, no endpoint fully; blocked: nothing. */
  status: DestinationStatus;
  /** False when ASGs do not decide this destination (internal routes). */
  governed: boolean;
  note?: string;
  /** Group names and rule indexes allowing (some of) its traffic, in group order then rule order. */
  provenance: Provenance[];
};

export type GroupRuleProblem = RuleProblem & { group: string };

export type LifecycleEvaluation = { destinations: DestinationResult[]; problems: GroupRuleProblem[] };

export type Evaluation = {
  running: DestinationResult[];
  staging: DestinationResult[];
  /** Each unreadable rule once, even when its group applies to both lifecycles. */
  problems: GroupRuleProblem[];
};

export const NOT_ASG_GOVERNED_NOTE =
  "governed by container-to-container network policies (cf add-network-policy)";

/** CF group names are unique, so a name listed twice (bound and global) is one group. */
function distinct(groups: readonly SecurityGroup[]): SecurityGroup[] {
  const seen = new Set<string>();
  return groups.filter((g) => !seen.has(g.name) && seen.add(g.name));
}

function unionCovers<T extends Coord>(
  targets: readonly Rect<T>[],
  parts: readonly EndpointCover[],
  pick: (cover: EndpointCover) => Rect<T>[][],
): boolean {
  return targets.every((target, i) => {
    const pieces: Rect<T>[] = [];
    for (const cover of parts) {
      const own = pick(cover)[i];
      if (own !== undefined) for (const piece of own) pieces.push(piece);
    }
    return covers(target, pieces);
  });
}

function evaluateDestination(
  destination: CompiledDestination,
  index: number,
  groups: readonly SecurityGroup[],
  compiled: readonly CompiledGroup[],
): DestinationResult {
  const { id, label } = destination;
  if (!destination.governed) {
    return { id, label, status: "allowed", governed: false, note: NOT_ASG_GOVERNED_NOTE, provenance: [] };
  }
  const provenance: Provenance[] = [];
  const touching: DestinationCover[] = [];
  compiled.forEach((group, g) => {
    const cover = group.destinations[index];
    if (cover === undefined) return;
    touching.push(cover);
    const name = groups[g]?.name ?? "";
    for (const ruleIndex of cover.ruleIndexes) provenance.push({ group: name, ruleIndex });
  });
  if (touching.length === 0) return { id, label, status: "blocked", governed: true, provenance };

  const allowed = destination.endpoints.some((endpoint, e) => {
    const parts: EndpointCover[] = [];
    for (const cover of touching) {
      const part = cover.endpoints[e];
      if (part === undefined) continue;
      if (part.full) return true;
      parts.push(part);
    }
    // Several groups may each cover a piece and together all of it.
    return (
      parts.length > 1 &&
      unionCovers(endpoint.targets4, parts, (c) => c.pieces4) &&
      unionCovers(endpoint.targets6, parts, (c) => c.pieces6)
    );
  });
  return { id, label, status: allowed ? "allowed" : "partial", governed: true, provenance };
}

function evaluateCompiled(
  catalog: Catalog,
  groups: readonly SecurityGroup[],
): { destinations: DestinationResult[]; compiled: CompiledGroup[] } {
  const catalogSets = compileCatalog(catalog);
  const compiled = groups.map((g) => compileGroup(catalogSets, g.rules));
  const destinations = catalogSets.destinations.map((d, i) => evaluateDestination(d, i, groups, compiled));
  return { destinations, compiled };
}

function problemsOf(
  groups: readonly SecurityGroup[],
  compiled: readonly CompiledGroup[],
): GroupRuleProblem[] {
  return compiled.flatMap((c, i) => c.problems.map((p) => ({ group: groups[i]?.name ?? "", ...p })));
}

/**
 * One lifecycle: `groups` are all the groups that apply (globally enabled
 * plus bound to the space), in any order. Rules that cannot be read allow
 * nothing and are reported in `problems`.
 */
export function evaluateLifecycle(groups: readonly SecurityGroup[], catalog: Catalog): LifecycleEvaluation {
  const unique = distinct(groups);
  const { destinations, compiled } = evaluateCompiled(catalog, unique);
  return { destinations, problems: problemsOf(unique, compiled) };
}

/** Both lifecycles of a space; running and staging are decided independently (design.md §1). */
export function evaluate(
  input: { running: readonly SecurityGroup[]; staging: readonly SecurityGroup[] },
  catalog: Catalog,
): Evaluation {
  const running = evaluateLifecycle(input.running, catalog);
  const staging = evaluateLifecycle(input.staging, catalog);
  const seen = new Set(running.problems.map((p) => `${p.group}\u0000${p.ruleIndex}`));
  const problems = [
    ...running.problems,
    ...staging.problems.filter((p) => !seen.has(`${p.group}\u0000${p.ruleIndex}`)),
  ];
  return { running: running.destinations, staging: staging.destinations, problems };
}
