import type { z } from "zod";
import type { DestinationStatus, Posture } from "@/lib/egress";
import type { HistoryEntry } from "@/lib/db/types";
import { lastChangeOf, type LastChange } from "./history";
import type { MatrixRow, OrgMatrix } from "./org-matrix";

/** What the server computes a row's values from: the org's matrix, and each space's latest history entry. */
export type RowSource = { matrix: OrgMatrix; last: ReadonlyMap<string, HistoryEntry> | null };

/** What packing and unpacking know of the page besides the row: the matrix's profiles, in order. */
export type RowShape = { profileIds: readonly string[] };

/**
 * zod, handed to the schemas rather than imported: the page unpacks its rows
 * without it, and the browser loads it only to check a refresh
 * (components/egress/matrix/fetch-rows.ts), which keeps its 30 kB off the
 * org page's first-load JS (docs/design.md §8).
 */
type Zod = typeof z;

/**
 * The value a column of the matrix shows (components/egress/matrix/columns.tsx
 * names the column and draws its cells): computed on the server from the
 * space's row of the matrix, then packed for the trip to the browser and
 * unpacked there. Methods, so that a list of fields of different types has one
 * element type.
 */
type RowField<K extends string, V, P> = {
  key: K;
  of(space: MatrixRow, source: RowSource): V;
  pack(value: V, shape: RowShape): P;
  /** The packed form's schema: the browser checks the rows route's answer with it (lib/http/fetch-json.ts). */
  packed(zod: Zod): z.ZodType<P>;
  unpack(packed: P, shape: RowShape): V;
};

const field = <K extends string, V, P>(declared: RowField<K, V, P>) => declared;

export type PolicyStanding = { rule: number | "default"; reasons?: string[] };

/** A row's latest change: the history's (lib/view-models/history.ts), and whether it was drift. */
export type LastCell = LastChange & { drift: boolean };

/** Who made a drift change, as lastChangeOf words it (lib/view-models/history.ts). */
const OUTSIDE = "outside the dashboard";

const LETTER: Record<DestinationStatus, string> = { allowed: "a", partial: "p", blocked: "b" };
const STATUS_OF: Record<string, DestinationStatus> = { a: "allowed", p: "partial", b: "blocked" };

/**
 * A row's values, one field per column of the matrix, in the columns' order.
 * A row travels to the browser (in the page's data and from the rows route)
 * as a tuple of the space's guid, name and manage flag, then each field
 * packed, in this order: no key repeated a thousand times, and each value as
 * short as it can be (docs/design.md §8: the page of 1,000 spaces stays under 1 MB).
 */
export const ROW_FIELDS = [
  field({
    key: "posture",
    of: (space): Posture => space.posture,
    pack: (posture) => posture,
    packed: (zod) => zod.enum(["closed", "trusted-local", "public", "both", "custom"]),
    unpack: (posture) => posture,
  }),
  field({
    key: "policy",
    // The rule that decides for the space, and only for a violating space the reasons in words (a thousand
    // compliant rows carry no text); undefined when no rule applies.
    of: ({ policy }): PolicyStanding | undefined => {
      if (policy.rule === null) return undefined;
      return policy.compliant ? { rule: policy.rule } : { rule: policy.rule, reasons: policy.reasons };
    },
    pack: (standing): [rule: number | "default", reasons?: string[]] | 0 => {
      if (!standing) return 0;
      return standing.reasons ? [standing.rule, standing.reasons] : [standing.rule];
    },
    packed: (zod) =>
      zod.union([
        zod.literal(0),
        zod.tuple([zod.union([zod.number(), zod.literal("default")])]),
        zod.tuple([zod.union([zod.number(), zod.literal("default")]), zod.array(zod.string())]),
      ]),
    unpack: (packed) => {
      if (packed === 0) return undefined;
      return packed[1] ? { rule: packed[0], reasons: packed[1] } : { rule: packed[0] };
    },
  }),
  field({
    key: "profiles",
    // Profile id → on for running (bound, or global); packed as a "1" or "0" per profile, in the matrix's order.
    of: (space): Record<string, boolean> => space.profiles,
    pack: (profiles, { profileIds }) => profileIds.map((id) => (profiles[id] ? "1" : "0")).join(""),
    packed: (zod) => zod.string().regex(/^[01]*$/),
    unpack: (bits, { profileIds }) => Object.fromEntries(profileIds.map((id, i) => [id, bits[i] === "1"])),
  }),
  field({
    key: "statuses",
    // The running status of each destination, in the catalog's order; packed as a letter each (a, p, b).
    of: (space, { matrix }): DestinationStatus[] =>
      matrix.destinations.map((d) => space.running.destinations[d.id] ?? "blocked"),
    pack: (statuses) => statuses.map((status) => LETTER[status]).join(""),
    packed: (zod) => zod.string().regex(/^[apb]*$/),
    unpack: (letters) => [...letters].map((letter) => STATUS_OF[letter] ?? "blocked"),
  }),
  field({
    key: "segment",
    // The isolation segment the space runs on (its own, else the org's default); null for the shared hosts.
    of: (space): string | null => space.isolation_segment,
    pack: (segment) => segment,
    packed: (zod) => zod.string().nullable(),
    unpack: (segment) => segment,
  }),
  field({
    key: "last",
    // The space's latest history entry, and whether it was drift (made outside the dashboard, shown as such
    // on the row and counted above the matrix); null when it has none (or the history is unavailable).
    // Packed without its actor when it was drift: the actor is unknown, and the tuple's length says so.
    of: (space, { last }): LastCell | null => {
      const entry = last?.get(space.guid);
      const change = lastChangeOf(entry);
      return change && { ...change, drift: entry?.kind === "drift" };
    },
    pack: (change): [id: number, at: number, who?: string] | 0 => {
      if (!change) return 0;
      return change.drift ? [change.id, change.at] : [change.id, change.at, change.who];
    },
    packed: (zod) =>
      zod.union([
        zod.literal(0),
        zod.tuple([zod.number(), zod.number()]),
        zod.tuple([zod.number(), zod.number(), zod.string()]),
      ]),
    unpack: (packed) => {
      if (packed === 0) return null;
      const [id, at, who] = packed;
      return who === undefined ? { id, at, who: OUTSIDE, drift: true } : { id, at, who, drift: false };
    },
  }),
] as const;

type Fields = typeof ROW_FIELDS;
type AnyField = RowField<RowFieldKey, unknown, unknown>;
export type RowFieldKey = Fields[number]["key"];
type ValueOf<F> = F extends RowField<string, infer V, unknown> ? V : never;
type PackedOf<F> = F extends RowField<string, unknown, infer P> ? P : never;
type Packed<T extends readonly unknown[]> = { -readonly [I in keyof T]: PackedOf<T[I]> };

/** What the matrix component needs per space, and no more: the row header's space, and one value per field. */
export type MatrixRowView = { guid: string; name: string; manage: boolean } & {
  [F in Fields[number] as F["key"]]: ValueOf<F>;
};

/** A row as it travels to the browser: see ROW_FIELDS. */
export type PackedRow = [guid: string, name: string, manage: 0 | 1, ...Packed<Fields>];

/** The rows, packed, and whether the history could be read for their "Last change" column. */
export type MatrixRowsJson = { rows: PackedRow[]; historyAvailable: boolean };

const fields = ROW_FIELDS as readonly AnyField[];

/**
 * The rows route's answer, checked in the browser before it replaces what the
 * page shows: each position of the tuple by its field's own schema. TypeScript
 * cannot follow a tuple built from a list, hence the one cast; the schemas
 * above are what make it true. Built with the zod it is given (see Zod).
 */
export function matrixRowsJsonSchema(zod: Zod): z.ZodType<MatrixRowsJson> {
  const packedRow = zod.tuple([
    zod.string(),
    zod.string(),
    zod.union([zod.literal(0), zod.literal(1)]),
    ...fields.map((f) => f.packed(zod)),
  ] as [z.ZodType, ...z.ZodType[]]);
  return zod.object({
    rows: zod.array(packedRow),
    historyAvailable: zod.boolean(),
  }) as unknown as z.ZodType<MatrixRowsJson>;
}

export function packRow(row: MatrixRowView, shape: RowShape): PackedRow {
  const values = fields.map((f) => f.pack(row[f.key], shape));
  return [row.guid, row.name, row.manage ? 1 : 0, ...values] as PackedRow;
}

export function unpackRow(packed: PackedRow, shape: RowShape): MatrixRowView {
  const [guid, name, manage, ...values] = packed;
  const view: Record<string, unknown> = { guid, name, manage: manage === 1 };
  fields.forEach((f, i) => (view[f.key] = f.unpack(values[i], shape)));
  return view as MatrixRowView;
}

export function matrixRows(
  matrix: OrgMatrix,
  last: ReadonlyMap<string, HistoryEntry> | null,
): MatrixRowsJson {
  const source: RowSource = { matrix, last };
  const shape: RowShape = { profileIds: matrix.profiles.map((p) => p.id) };
  return {
    historyAvailable: last !== null,
    rows: matrix.spaces.map((space) => {
      const values = fields.map((f) => f.pack(f.of(space, source), shape));
      return [space.guid, space.name, space.can_manage ? 1 : 0, ...values] as PackedRow;
    }),
  };
}

/**
 * The spaces whose latest change was made outside the dashboard ("drift",
 * docs/design.md §6), counted from the packed rows, and the earliest of those
 * changes; null when there is none.
 */
export function driftOf(json: MatrixRowsJson): { spaces: number; since: number } | null {
  const index = 3 + ROW_FIELDS.findIndex((f) => f.key === "last");
  let spaces = 0;
  let since = Number.POSITIVE_INFINITY;
  for (const row of json.rows) {
    const last = row[index] as PackedOf<Extract<Fields[number], { key: "last" }>>;
    if (last === 0 || last.length !== 2) continue;
    spaces++;
    since = Math.min(since, last[1]);
  }
  return spaces === 0 ? null : { spaces, since };
}

/** Whether a row breaks the org's policy. */
export function violates(row: Pick<MatrixRowView, "policy">): boolean {
  return row.policy?.reasons !== undefined;
}
