import type { DestinationResult, DestinationStatus } from "@/lib/egress";

/**
 * A picture of the space and its destinations, each path drawn by status:
 * a solid line (allowed), dashes (partial) or a dotted, crossed line
 * (blocked), with the status as a word beside it, so the picture does not
 * rely on colour. Its text alternative states the same facts.
 */

const ROW = 52;
const WIDTH = 760;
const LOOK: Record<DestinationStatus, { stroke: string; dash?: string; word: string }> = {
  allowed: { stroke: "#216e1f", word: "allowed" },
  partial: { stroke: "#936f38", dash: "10 6", word: "partial" },
  blocked: { stroke: "#b50909", dash: "2 6", word: "blocked" },
};

export function EgressMap({
  spaceName,
  destinations,
}: {
  spaceName: string;
  destinations: DestinationResult[];
}) {
  const height = Math.max(destinations.length * ROW + 20, 120);
  const spaceY = height / 2;
  const summary = destinations.map((d) => `${d.label}: ${LOOK[d.status].word}`).join("; ");
  return (
    <figure className="space-y-2">
      <svg
        role="img"
        aria-labelledby="egress-map-title egress-map-desc"
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="w-full max-w-3xl rounded border border-base-lighter bg-white"
      >
        <title id="egress-map-title">{`Egress map of ${spaceName}`}</title>
        <desc id="egress-map-desc">{`Paths from the space’s running apps: ${summary}.`}</desc>
        <rect
          x="10"
          y={spaceY - 30}
          width="170"
          height="60"
          rx="6"
          fill="#d9e8f6"
          stroke="#005ea2"
          strokeWidth="2"
        />
        <text x="95" y={spaceY - 4} textAnchor="middle" fontSize="16" fontWeight="700" fill="#1b1b1b">
          {spaceName.length > 18 ? `${spaceName.slice(0, 17)}…` : spaceName}
        </text>
        <text x="95" y={spaceY + 16} textAnchor="middle" fontSize="12" fill="#3d4551">
          running apps
        </text>
        {destinations.map((d, i) => {
          const y = 10 + i * ROW + ROW / 2;
          const look = LOOK[d.status];
          const midX = 370;
          const midY = (spaceY + y) / 2;
          return (
            <g key={d.id}>
              <path
                d={`M180 ${spaceY} C 300 ${spaceY}, 440 ${y}, 540 ${y}`}
                fill="none"
                stroke={look.stroke}
                strokeWidth="3"
                strokeDasharray={look.dash}
                strokeLinecap="round"
              />
              {d.status === "blocked" && (
                <path
                  d={`M${midX - 7} ${midY - 7} L${midX + 7} ${midY + 7} M${midX + 7} ${midY - 7} L${midX - 7} ${midY + 7}`}
                  stroke={look.stroke}
                  strokeWidth="3"
                />
              )}
              <rect
                x="540"
                y={y - 20}
                width="210"
                height="40"
                rx="6"
                fill="#f0f0f0"
                stroke={look.stroke}
                strokeWidth="2"
              />
              <text x="550" y={y - 3} fontSize="14" fontWeight="700" fill="#1b1b1b">
                {d.label}
              </text>
              <text x="550" y={y + 14} fontSize="12" fill={look.stroke} fontWeight="700">
                {look.word}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-sm text-base-dark">
        Solid line: allowed. Dashed: partial. Dotted and crossed: blocked.
      </figcaption>
    </figure>
  );
}
