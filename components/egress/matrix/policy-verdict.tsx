import type { MatrixRowView } from "@/lib/view-models/matrix-rows";
import type { SpaceRef } from "./types";

/**
 * A space's standing against the org's policy in the matrix (docs/design.md §10):
 * "Violates", "Complies", or "No rule" when no rule decides for it. Never
 * colour alone: each is a word. A violation's reasons, and "Bring into
 * policy" for one who may, fold into a disclosure under "Violates", so that
 * the column stays narrow; they come only with violating rows, so a thousand
 * compliant rows stay light.
 */
export function PolicyVerdict({
  space,
  onBring,
}: {
  space: Pick<MatrixRowView, "guid" | "name" | "policy">;
  onBring?: (space: SpaceRef) => void;
}) {
  if (space.policy === undefined) return <span className="policy-verdict">No rule</span>;
  const { reasons } = space.policy;
  if (reasons === undefined) {
    return (
      <span className="policy-verdict" data-verdict="complies">
        Complies
      </span>
    );
  }
  return (
    <details className="policy-why">
      <summary>
        <span className="policy-verdict" data-verdict="violates">
          Violates
        </span>
      </summary>
      <div>
        <ul>
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
        {onBring && (
          <button
            type="button"
            className="policy-bring"
            onClick={() => onBring({ guid: space.guid, name: space.name })}
          >
            Bring into policy<span className="sr-only"> for {space.name}</span>
          </button>
        )}
      </div>
    </details>
  );
}
