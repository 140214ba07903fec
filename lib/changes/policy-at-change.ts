import "server-only";
import { readStoredPolicy } from "@/lib/db/page-reads";
import type { Lifecycle } from "@/lib/egress";
import { MESSAGES } from "@/lib/failures";
import { policyAtChange, stateFromGroups, type RunningGroups, type SpaceState } from "@/lib/policy";
import { policyStateOf } from "@/lib/view-models/org-policy";
import type { PolicyNote } from "./change-preview";
import { policyContext } from "./policy";

/**
 * The org's stored policy, read once (one database read, alongside the
 * preview's CF reads: docs/design.md §8), as a judge of changes: the space's
 * running state before and after, against the policy in force, exactly as
 * the matrix judges it (lib/policy/at-change.ts).
 */

const UNKNOWN =
  "The org's egress policy could not be read from the dashboard's database, so whether this change keeps to it is not known.";

export type ChangeJudge = {
  /** The space's running state from its groups, by the engine (what the judge and the opens/closes start from). */
  state: (name: string, running: RunningGroups) => SpaceState;
  judge: (before: SpaceState, after: SpaceState) => PolicyNote;
};

export async function readChangeJudge(orgGuid: string): Promise<ChangeJudge> {
  const stored = await readStoredPolicy(orgGuid);
  const context = policyContext();
  // A stored policy that no longer fits the configuration judges nothing, as on the matrix.
  const { policy } = policyStateOf(stored, context, MESSAGES.policyUnavailable);
  return {
    state: (name, running) => stateFromGroups(name, running, context),
    judge: (before, after) =>
      stored === "unavailable"
        ? { verdict: "unknown", message: UNKNOWN }
        : policyAtChange(before, after, policy, context),
  };
}

/** A staging change: the policy judges running egress only (docs/design.md §10), so it has nothing to say. */
export function judgesLifecycle(lifecycle: Lifecycle): boolean {
  return lifecycle === "running";
}
