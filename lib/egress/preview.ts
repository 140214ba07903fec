import type { Catalog } from "./catalog";
import { evaluateLifecycle, type DestinationStatus } from "./evaluate";
import { applyChange, effectiveGroups, type BindingChange, type Lifecycle, type SpaceGroups } from "./space";
import type { StatusChange } from "./status-change";

export type Preview = {
  lifecycle: Lifecycle;
  /** Every destination of the catalog, in its order, with both statuses. */
  destinations: StatusChange[];
  /** Destinations that gain traffic (blocked → partial/allowed, partial → allowed). */
  opens: StatusChange[];
  /** Destinations that lose traffic. */
  closes: StatusChange[];
};

const RANK: Record<DestinationStatus, number> = { blocked: 0, partial: 1, allowed: 2 };

/** What a bind or unbind would change, before the user confirms it. */
export function preview(current: SpaceGroups, change: BindingChange, catalog: Catalog): Preview {
  const { lifecycle } = change;
  const before = evaluateLifecycle(effectiveGroups(current[lifecycle]), catalog).destinations;
  const after = evaluateLifecycle(
    effectiveGroups(applyChange(current, change)[lifecycle]),
    catalog,
  ).destinations;
  const destinations = before.map((b, i) => ({
    id: b.id,
    label: b.label,
    before: b.status,
    after: after[i]?.status ?? b.status,
  }));
  return {
    lifecycle,
    destinations,
    opens: destinations.filter((d) => RANK[d.after] > RANK[d.before]),
    closes: destinations.filter((d) => RANK[d.after] < RANK[d.before]),
  };
}
