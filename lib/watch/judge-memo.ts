import { createHash } from "node:crypto";
import type { Standing } from "@/lib/db/watch-types";
import type { SecurityGroup } from "@/lib/egress";
import type { RunningGroups } from "@/lib/policy";

/**
 * What each space's last verdict was computed from, kept by the watcher from
 * one cycle to the next (docs/design.md §12): the running groups that reach
 * it (bound and platform-wide), each by its guid, name and rules, and the
 * platform file. A space whose inputs, name and policy version are the same
 * as when it was last judged, and whose stored standing is still that
 * judgement, keeps it without an evaluation: on a foundation that did not
 * change, a cycle evaluates nothing. The groups are fingerprinted by their
 * content, not CF's `updated_at`, so an edit of a group's rules is always seen.
 *
 * In memory only: after a restart or a takeover the first cycle evaluates
 * every space again, as before.
 */

type Remembered = { print: string; standing: Standing };

export class JudgeMemo {
  private context: object | undefined;
  private readonly bySpace = new Map<string, Remembered>();
  /** Per group object, so per cycle (each cycle parses its own): one hash for every space it reaches. */
  private readonly groupPrints = new WeakMap<SecurityGroup, string>();

  /** A new cycle, under this platform file: a different file forgets everything. */
  begin(context: object): void {
    if (this.context !== context) this.bySpace.clear();
    this.context = context;
  }

  /** The fingerprint of a space's running groups, for `reuse` and `remember`. */
  print(running: RunningGroups): string {
    const prints = [...running.global, ...running.bound].map((group) => this.groupPrint(group));
    return prints.sort().join(",");
  }

  /** The space's stored standing, if it is what the same inputs gave last time. */
  reuse(previous: Standing | undefined, print: string, name: string, policyVersion: number): Standing | null {
    const memo = previous === undefined ? undefined : this.bySpace.get(previous.spaceGuid);
    if (previous === undefined || memo === undefined || memo.print !== print) return null;
    const last = memo.standing;
    const same =
      last.spaceName === name &&
      previous.spaceName === name &&
      last.policyVersion === policyVersion &&
      previous.policyVersion === policyVersion &&
      last.verdict === previous.verdict &&
      last.rule === previous.rule &&
      last.reasons.join("\n") === previous.reasons.join("\n");
    return same ? previous : null;
  }

  remember(standing: Standing, print: string): void {
    this.bySpace.set(standing.spaceGuid, { print, standing });
  }

  /** Spaces gone from CF are forgotten with their standings. */
  keepOnly(spaceGuids: ReadonlySet<string>): void {
    for (const guid of this.bySpace.keys()) if (!spaceGuids.has(guid)) this.bySpace.delete(guid);
  }

  private groupPrint(group: SecurityGroup): string {
    let print = this.groupPrints.get(group);
    if (print === undefined) {
      print = createHash("sha1")
        .update(JSON.stringify([group.guid, group.name, group.rules]))
        .digest("base64url");
      this.groupPrints.set(group, print);
    }
    return print;
  }
}
