/** The drawing primitives of the private-egress diagram: boxes, zones and path labels, in SVG. */

export const INK = "#1b1b1b";
const MUTED = "#3d4551";
export const PRIVATE = "#005ea2";
export const SHARED = "#565c65";

type BoxProps = {
  x: number;
  y: number;
  w: number;
  h: number;
  /** The name, in bold, on one or two lines. */
  title: string[];
  /** Smaller lines under it. */
  notes?: string[];
  tone?: "plain" | "private";
};

export function Box({ x, y, w, h, title, notes = [], tone = "plain" }: BoxProps) {
  const lines = [
    ...title.map((text) => ({ text, bold: true })),
    ...notes.map((text) => ({ text, bold: false })),
  ];
  const first = y + h / 2 - ((lines.length - 1) * 15) / 2 + 5;
  return (
    <g>
      <rect
        x={x}
        y={y}
        width={w}
        height={h}
        rx="6"
        fill={tone === "private" ? "#d9e8f6" : "#ffffff"}
        stroke={tone === "private" ? PRIVATE : INK}
        strokeWidth="2"
      />
      {lines.map((line, i) => (
        <text
          key={`${i}-${line.text}`}
          x={x + w / 2}
          y={first + 15 * i}
          textAnchor="middle"
          fontSize={line.bold ? 14 : 11.5}
          fontWeight={line.bold ? 700 : 400}
          fill={line.bold ? INK : MUTED}
        >
          {line.text}
        </text>
      ))}
    </g>
  );
}

export function Zone({
  x,
  y,
  w,
  h,
  label,
  fill,
  dashed,
}: {
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
  fill: string;
  dashed?: boolean;
}) {
  return (
    <g>
      <rect
        x={x}
        y={y}
        width={w}
        height={h}
        rx="10"
        fill={fill}
        stroke={SHARED}
        strokeWidth="1.5"
        strokeDasharray={dashed ? "8 5" : undefined}
      />
      <text x={x + 12} y={y + 22} fontSize="13" fontWeight="700" fill={INK}>
        {label}
      </text>
    </g>
  );
}

export function Label({
  x,
  y,
  children,
  anchor = "middle",
}: {
  x: number;
  y: number;
  children: string;
  anchor?: "start" | "middle" | "end";
}) {
  return (
    <text
      x={x}
      y={y}
      textAnchor={anchor}
      fontSize="11.5"
      fontStyle="italic"
      fill={MUTED}
      stroke="#ffffff"
      strokeWidth="4"
      strokeLinejoin="round"
      paintOrder="stroke"
    >
      {children}
    </text>
  );
}
