import type { SwitchReason } from "./switch-reasons";

/**
 * What the table's marks mean, above it: each status's icon and word (on a
 * wide screen a destination's cell shows only the icon, so that a dozen
 * destinations fit at 1,280 px; the cards of a narrow screen show the word),
 * the drift marker when a row has one, and why switches are disabled: each
 * sentence once, visible to everyone, and the description (aria-describedby)
 * of every switch it concerns. Icons are the cells' own CSS (app/status-icons.css).
 */
export function MatrixKey({ reasons, drift }: { reasons: readonly SwitchReason[]; drift: boolean }) {
  return (
    <div className="egress-key">
      <p className="max-md:hidden">
        <span className="sr-only">Key: </span>
        <span className="allowed">Allowed</span> <span className="partial">Partial</span>{" "}
        <span className="blocked">Blocked</span>
        {drift && (
          <>
            {" "}
            <span className="drift">Last changed outside the dashboard</span>
          </>
        )}
      </p>
      {reasons.length > 0 && (
        <ul aria-label="Why some switches are disabled">
          {reasons.map((reason) => (
            <li key={reason.id}>
              <strong>{reason.short}:</strong> <span id={reason.id}>{reason.full}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
