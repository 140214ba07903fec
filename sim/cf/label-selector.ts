/**
 * CC's `label_selector` (docs/cf-behaviour.md §1.3): its requirements parsed as
 * CC parses them, and a resource's labels matched against them.
 */

export type LabelRequirement =
  { op: "exists" | "not_exists"; key: string } | { op: "in" | "notin"; key: string; values: string[] };

const LABEL_KEY = /^([a-z0-9.-]+\/)?[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/;

/** `k`, `!k`, `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, comma-separated and ANDed. */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  const parts = selector.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  if (parts.length === 0 || parts.length > 50) throw new Error("Invalid label_selector value");
  return parts.map((raw) => {
    const part = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^!(\S+)$/.exec(part))) return { op: "not_exists", key: m[1] ?? "" };
    if ((m = /^(\S+?)\s*(==|!=|=)\s*(\S*)$/.exec(part))) {
      return { op: m[2] === "!=" ? "notin" : "in", key: m[1] ?? "", values: [m[3] ?? ""] };
    }
    if ((m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part))) {
      return {
        op: m[2] as "in" | "notin",
        key: m[1] ?? "",
        values: (m[3] ?? "").split(",").map((v) => v.trim()),
      };
    }
    if (LABEL_KEY.test(part)) return { op: "exists", key: part };
    throw new Error("Invalid label_selector value");
  });
}

export function matchesLabels(labels: Record<string, string>, requirements: LabelRequirement[]): boolean {
  return requirements.every((r) => {
    const has = Object.hasOwn(labels, r.key);
    switch (r.op) {
      case "exists":
        return has;
      case "not_exists":
        return !has;
      case "in":
        return has && r.values.includes(labels[r.key] ?? "");
      case "notin":
        return !has || !r.values.includes(labels[r.key] ?? "");
    }
  });
}
