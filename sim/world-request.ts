import { generateWorld } from "./generate";
import type { SeedWorld } from "./seed";
import { isSeedName, SEEDS } from "./seeds";

/**
 * What `POST /__sim/world` asks for: a generated world on top of the seed the
 * stand-in started with, for request-count and load tests, or another named
 * seed (sim/seeds.ts), or a generated world on top of a named seed (a stand-in
 * started on a generated world then generates afresh, not on top of it). Users
 * stay those the UAA started with; reset restores the seed the stand-in
 * started with.
 */

type WorldRequest = {
  org_sizes?: unknown;
  groups?: unknown;
  seed?: unknown;
  shape?: unknown;
  foundation_spaces?: unknown;
};

const EXPECTED =
  'expected {org_sizes: [n ≤ 5000, …], groups: n ≤ 500} or {shape: "realistic", org_sizes, groups: n ≤ 20000, foundation_spaces?: n ≤ 50000}';

/** The seed a request's body asks to build, or why it cannot be built (the stand-in answers 400 with it). */
export function seedFromWorldRequest(
  body: string,
  startedWith: SeedWorld,
): { seed: SeedWorld } | { error: string } {
  let shape: WorldRequest;
  try {
    shape = JSON.parse(body || "{}") as WorldRequest;
  } catch {
    return { error: "body must be JSON" };
  }
  if (shape.seed !== undefined && (typeof shape.seed !== "string" || !isSeedName(shape.seed))) {
    return { error: `seed must be one of ${Object.keys(SEEDS).join(", ")}` };
  }
  const base = shape.seed === undefined ? startedWith : SEEDS[shape.seed];
  if (shape.org_sizes === undefined && shape.seed !== undefined) return { seed: base };
  const sizes = shape.org_sizes;
  const groups = shape.groups ?? 0;
  const realistic = shape.shape === "realistic";
  const maxGroups = realistic ? 20_000 : 500;
  if (
    !Array.isArray(sizes) ||
    !sizes.every((n) => Number.isInteger(n) && n >= 0 && n <= 5000) ||
    !Number.isInteger(groups) ||
    (groups as number) < 0 ||
    (groups as number) > maxGroups ||
    (shape.shape !== undefined && shape.shape !== "uniform" && !realistic) ||
    (shape.foundation_spaces !== undefined &&
      (!realistic ||
        !Number.isInteger(shape.foundation_spaces) ||
        (shape.foundation_spaces as number) > 50_000))
  ) {
    return { error: EXPECTED };
  }
  return {
    seed: generateWorld(base, {
      orgSizes: sizes as number[],
      groups: groups as number,
      shape: realistic ? "realistic" : "uniform",
      foundationSpaces: shape.foundation_spaces as number | undefined,
    }),
  };
}
