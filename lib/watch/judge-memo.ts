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

export class JudgeMemo {
  private context: object | undefined;
  /**
   * Per space, one digest of what its last judgement was made from and what it found (`digestOf`):
   * 20,000 spaces' inputs and standings kept whole were about 10 MB of the cycle thread's heap,
   * held from one cycle to the next; their digests are about 2 MB.
   */
  private readonly bySpace = new Map<string, string>();
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

  /**
   * The space's stored standing, if it is what the same inputs gave last time: the same groups'
   * print, the same name and policy version, and the stored verdict, rule and reasons the ones the
   * memo's judgement found (else a write failed, or another instance judged differently).
   */
  reuse(previous: Standing | undefined, print: string, name: string, policyVersion: number): Standing | null {
    if (previous === undefined || previous.spaceName !== name || previous.policyVersion !== policyVersion)
      return null;
    const remembered = this.bySpace.get(previous.spaceGuid);
    return remembered !== undefined && remembered === digestOf(print, previous) ? previous : null;
  }

  remember(standing: Standing, print: string): void {
    this.bySpace.set(standing.spaceGuid, digestOf(print, standing));
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

/** A judgement's inputs (the groups' print, the name, the policy version) and what it found, as one digest. */
function digestOf(print: string, standing: Standing): string {
  const { spaceName, policyVersion, verdict, rule, reasons } = standing;
  return createHash("sha1")
    .update(JSON.stringify([print, spaceName, policyVersion, verdict, rule, reasons]))
    .digest("base64url");
}
