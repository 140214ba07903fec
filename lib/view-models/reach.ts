import type { ReachResult } from "@/lib/egress/reach";
import type { Decision } from "@/lib/permissions";
import { fixAdvice, NO_FIX } from "./fixes";

/**
 * "Can my app reach …?" in words, the same whether the page was rendered
 * with the question in its URL or the answer came in place from the reach
 * route: per address, yes and the rule that allows it, or no and the profile
 * that would open it (as the destination table's fix column says it), or why
 * none can. Pure.
 */

export type ReachLine = {
  address: string;
  allowed: boolean;
  /** "Yes: 10.10.0.12 tcp 5432" */
  verdict: string;
  /** The rest of the sentence: the rule that allows it, or the fix. */
  text: string;
  /** The profile to turn on, when this user may turn it on now. */
  action?: { profileId: string; label: string };
};

export type ReachView =
  { ok: false; message: string } | { ok: true; host: string; note: string | null; lines: ReachLine[] };

export function reachView(result: ReachResult, change: Decision): ReachView {
  if (!result.ok) return result;
  const what = result.protocol === "icmp" ? "(ping)" : `${result.protocol} ${result.port ?? ""}`.trim();
  const lines = result.answers.map((a): ReachLine => {
    const verdict = `${a.allowed ? "Yes" : "No"}: ${a.address} ${what}`;
    if (a.allowed)
      return {
        address: a.address,
        allowed: true,
        verdict,
        text: a.by
          ? `is allowed by ${a.by.group}, rule ${a.by.ruleIndex + 1}.`
          : "is allowed by a security group that applies to running apps.",
      };
    const refused = "is not allowed by any security group that applies to running apps";
    if (!a.fix) return { address: a.address, allowed: false, verdict, text: `${refused}. ${NO_FIX}` };
    const advice = fixAdvice(a.fix, change, refused);
    return {
      address: a.address,
      allowed: false,
      verdict,
      text: advice.words,
      ...(advice.action ? { action: { profileId: a.fix.profile.id, label: a.fix.profile.label } } : {}),
    };
  });
  return {
    ok: true,
    host: result.host,
    note: result.resolved
      ? `${result.host} was resolved from the dashboard’s network; your app’s DNS inside the platform may answer differently.`
      : null,
    lines,
  };
}
