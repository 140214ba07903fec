import type { MatrixProfile } from "@/lib/view-models/org-matrix";
import { switchBlock } from "@/lib/view-models/switch-blocks";
import type { MatrixContext } from "./types";

/** A reason some switches of the matrix are disabled: its short word, its sentence, and the sentence's id. */
export type SwitchReason = { id: string; short: string; full: string };

/** The reasons shown, and the id of the sentence a disabled switch refers to (aria-describedby). */
export type ReasonIds = { reasons: SwitchReason[]; idOf: (profileId: string, short: string) => string };

const slug = (text: string) => text.toLowerCase().replace(/[^a-z]+/g, "-");

/**
 * Why the matrix's disabled switches are disabled, each sentence once
 * whatever the number of rows (a thousand rows, one text): the reasons that
 * the rows shown actually meet. A switch depends on its profile and on
 * whether the user manages its space, so two passes over the profiles
 * suffice. Profiles refused for the same sentence share it ("No permission").
 */
export function switchReasons(
  profiles: readonly MatrixProfile[],
  rows: readonly { manage: boolean }[],
  context: MatrixContext,
): ReasonIds {
  const byText = new Map<string, SwitchReason>();
  const ids = new Map<string, string>();
  const manages = new Set(rows.map((r) => r.manage));
  for (const canManage of [true, false]) {
    if (!manages.has(canManage)) continue;
    for (const profile of profiles) {
      const block = switchBlock(
        { ...profile, global: profile.globalRunning },
        { can_manage: canManage },
        context,
        context,
      );
      if (!block) continue;
      let reason = byText.get(block.full);
      if (!reason) {
        reason = { id: `why-${profile.id}-${slug(block.short)}`, short: block.short, full: block.full };
        byText.set(block.full, reason);
      }
      ids.set(`${profile.id} ${block.short}`, reason.id);
    }
  }
  return {
    reasons: [...byText.values()],
    idOf: (profileId, short) => ids.get(`${profileId} ${short}`) ?? `why-${profileId}-${slug(short)}`,
  };
}
