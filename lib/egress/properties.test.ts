import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCatalog, type Catalog } from "./catalog";
import { evaluateLifecycle, type DestinationStatus, type SecurityGroup } from "./evaluate";
import { canReach } from "./reach";
import type { CfRule } from "./rules";

/**
 * The engine against a brute-force reference. Everything lives in a small
 * universe (16 addresses per IP version, ports 1–16, a few ICMP types), so the
 * reference can list every point of every endpoint and test it against every
 * rule. The generators produce each rule both as CF syntax (for the engine) and
 * as the set it means (for the reference), so the parser is checked too.
 */

type Family = 4 | 6;
const SIZE = 16;
const OFFSETS = Array.from({ length: SIZE }, (_, i) => i);
const PORTS = Array.from({ length: SIZE }, (_, i) => i + 1);

const addr = (family: Family, offset: number) =>
  family === 4 ? `10.0.0.${offset}` : `2001:db8::${offset.toString(16)}`;

/** A destination entry: its text and the offsets it contains in its family. */
type Entry = { family: Family; text: string; offsets: number[] };

const range = (lo: number, hi: number) => OFFSETS.filter((o) => o >= lo && o <= hi);

function insideEntry(family: Family): fc.Arbitrary<Entry> {
  const bits = family === 4 ? 32 : 128;
  return fc.oneof(
    fc.integer({ min: 0, max: SIZE - 1 }).map((o) => ({ family, text: addr(family, o), offsets: [o] })),
    fc.tuple(fc.integer({ min: 0, max: SIZE - 1 }), fc.integer({ min: 0, max: 4 })).map(([o, hostBits]) => {
      const size = 2 ** hostBits;
      const start = Math.floor(o / size) * size;
      // The address keeps its host bits: CF reads 10.0.0.5/30 as 10.0.0.4/30.
      return {
        family,
        text: `${addr(family, o)}/${bits - hostBits}`,
        offsets: range(start, start + size - 1),
      };
    }),
    fc
      .tuple(fc.integer({ min: 0, max: SIZE - 1 }), fc.integer({ min: 0, max: SIZE - 1 }))
      .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)
      .map(([a, b]) => ({ family, text: `${addr(family, a)}-${addr(family, b)}`, offsets: range(a, b) })),
  );
}

function ruleEntry(family: Family): fc.Arbitrary<Entry> {
  const wide =
    family === 4 ? ["10.0.0.0/8", "0.0.0.0/0", "0.0.0.0-255.255.255.255"] : ["2001:db8::/32", "::/0"];
  const outside =
    family === 4 ? ["192.168.0.0/16", "10.0.0.16/28", "9.0.0.0-9.255.255.255"] : ["2001:db9::/32"];
  return fc.oneof(
    { weight: 6, arbitrary: insideEntry(family) },
    { weight: 1, arbitrary: fc.constantFrom(...wide).map((text) => ({ family, text, offsets: OFFSETS })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...outside).map((text) => ({ family, text, offsets: [] as number[] })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 0, max: SIZE - 1 }).map((b) => ({
        family,
        text: family === 4 ? `9.255.255.250-10.0.0.${b}` : `2001:db7::1-2001:db8::${b.toString(16)}`,
        offsets: range(0, b),
      })),
    },
  );
}

type Destination = { text: string; v4: Set<number>; v6: Set<number> };

function destination(entries: Entry[]): Destination {
  const set = (family: Family) =>
    new Set(entries.filter((e) => e.family === family).flatMap((e) => e.offsets));
  return { text: entries.map((e) => e.text).join(","), v4: set(4), v6: set(6) };
}

const families = (only?: Family) => (only === undefined ? fc.constantFrom<Family>(4, 6) : fc.constant(only));

function destinationArb(entry: (f: Family) => fc.Arbitrary<Entry>, only?: Family) {
  return fc.array(families(only).chain(entry), { minLength: 1, maxLength: 3 }).map(destination);
}

/** Ports as inclusive ranges; rules and endpoints name ports up to 20 or the full 1-65535. */
type Ports = { text: string; ranges: [number, number][] };
const MAX_PORT = 20;
/** Port 1000 stands for every port above MAX_PORT, which generated rules treat alike. */
const PORT_CLASSES = [...Array.from({ length: MAX_PORT }, (_, i) => i + 1), 1000];
const hasPort = (ports: Ports, port: number) => ports.ranges.some(([lo, hi]) => lo <= port && port <= hi);

const portsArb: fc.Arbitrary<Ports> = fc.oneof(
  fc.constantFrom(...PORTS).map((p) => ({ text: `${p}`, ranges: [[p, p]] as [number, number][] })),
  fc
    .uniqueArray(fc.constantFrom(...PORTS), { minLength: 1, maxLength: 4 })
    .map((ps) => ({ text: ps.join(","), ranges: ps.map((p) => [p, p] as [number, number]) })),
  fc
    .tuple(fc.integer({ min: 1, max: SIZE - 1 }), fc.integer({ min: 1, max: MAX_PORT - SIZE }))
    .map(([a, n]) => ({ text: `${a}-${a + n}`, ranges: [[a, a + n]] as [number, number][] })),
  fc.constant({ text: "1-65535", ranges: [[1, 65535]] as [number, number][] }),
);

const TYPES = [-1, 0, 3, 8];
const CODES = [-1, 0, 1];
/** With rules naming only the types and codes above, these stand for every other value. */
const TYPE_CLASSES = [0, 3, 8, 200];
const CODE_CLASSES = [0, 1, 200];

/** A rule as CF text plus the set it means. */
type Model = {
  rule: CfRule;
  protocol: "tcp" | "udp" | "icmp" | "icmpv6" | "all" | "invalid";
  dest: Destination;
  ports: Ports;
  type: number;
  code: number;
};
const NO_PORTS: Ports = { text: "", ranges: [] };

const modelArb: fc.Arbitrary<Model> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom("tcp", "udp"), destinationArb(ruleEntry), portsArb),
  }.arbitrary.map(([protocol, dest, ports]): Model => ({
    rule: { protocol, destination: dest.text, ports: ports.text },
    protocol,
    dest,
    ports,
    type: 0,
    code: 0,
  })),
  destinationArb(ruleEntry).map((dest): Model => ({
    rule: { protocol: "all", destination: dest.text },
    protocol: "all",
    dest,
    ports: NO_PORTS,
    type: 0,
    code: 0,
  })),
  fc
    .tuple(fc.constantFrom<Family>(4, 6), fc.constantFrom(...TYPES), fc.constantFrom(...CODES))
    .chain(([family, type, code]) =>
      destinationArb(ruleEntry, family).map((dest): Model => ({
        rule: { protocol: family === 4 ? "icmp" : "icmpv6", destination: dest.text, type, code },
        protocol: family === 4 ? "icmp" : "icmpv6",
        dest,
        ports: NO_PORTS,
        type,
        code,
      })),
    ),
  fc
    .constantFrom<CfRule>(
      { protocol: "tcp", destination: "010.0.0.1", ports: "1" },
      { protocol: "tcp", destination: "10.0.0.0/24", ports: "0" },
      { protocol: "all", destination: "10.0.0.9-10.0.0.1" },
    )
    .map((rule): Model => ({
      rule,
      protocol: "invalid",
      dest: { text: "", v4: new Set(), v6: new Set() },
      ports: NO_PORTS,
      type: 0,
      code: 0,
    })),
);

/** One packet, or one class of packets that every generated rule treats alike. */
type Point = {
  protocol: "tcp" | "udp" | "icmp" | "icmpv6" | "other";
  family: Family;
  offset: number;
  port: number;
  type: number;
  code: number;
};

function allows(m: Model, p: Point): boolean {
  if (m.protocol === "invalid") return false;
  if (m.protocol !== "all" && m.protocol !== p.protocol) return false;
  if (!(p.family === 4 ? m.dest.v4 : m.dest.v6).has(p.offset)) return false;
  if (m.protocol === "all") return true;
  if (m.protocol === "tcp" || m.protocol === "udp") return hasPort(m.ports, p.port);
  return (m.type === -1 || m.type === p.type) && (m.code === -1 || m.code === p.code);
}

type EndpointModel = {
  json: { protocol: string; destination: string; ports?: string; type?: number; code?: number };
  points: Point[];
};

function addressesOf(dest: Destination): [Family, number][] {
  return [
    ...[...dest.v4].map((o) => [4, o] as [Family, number]),
    ...[...dest.v6].map((o) => [6, o] as [Family, number]),
  ];
}

function icmpPoints(family: Family, offset: number, type: number, code: number): Point[] {
  const types = type === -1 ? TYPE_CLASSES : [type];
  const codes = code === -1 ? CODE_CLASSES : [code];
  const protocol = family === 4 ? "icmp" : "icmpv6";
  return types.flatMap((t) =>
    codes.map((c): Point => ({ protocol, family, offset, port: 0, type: t, code: c })),
  );
}

const endpointArb: fc.Arbitrary<EndpointModel> = fc.oneof(
  fc
    .tuple(fc.constantFrom("tcp" as const, "udp" as const), destinationArb(insideEntry), portsArb)
    .map(([protocol, dest, ports]): EndpointModel => ({
      json: { protocol, destination: dest.text, ports: ports.text },
      points: addressesOf(dest).flatMap(([family, offset]) =>
        PORT_CLASSES.filter((port) => hasPort(ports, port)).map((port) => ({
          protocol,
          family,
          offset,
          port,
          type: 0,
          code: 0,
        })),
      ),
    })),
  fc
    .tuple(destinationArb(insideEntry, 4), fc.constantFrom(...TYPES), fc.constantFrom(...CODES))
    .map(([dest, type, code]): EndpointModel => ({
      json: { protocol: "icmp", destination: dest.text, type, code },
      points: addressesOf(dest).flatMap(([family, offset]) => icmpPoints(family, offset, type, code)),
    })),
  destinationArb(insideEntry).map((dest): EndpointModel => ({
    json: { protocol: "all", destination: dest.text },
    points: addressesOf(dest).flatMap(([family, offset]) => [
      { protocol: "other", family, offset, port: 0, type: 0, code: 0 },
      ...PORT_CLASSES.flatMap((port) =>
        (["tcp", "udp"] as const).map((protocol) => ({ protocol, family, offset, port, type: 0, code: 0 })),
      ),
      ...icmpPoints(family, offset, -1, -1),
    ]),
  })),
);

const groupsArb = fc.array(fc.array(modelArb, { maxLength: 5 }), { minLength: 0, maxLength: 4 });
const catalogArb = fc.array(fc.array(endpointArb, { minLength: 1, maxLength: 2 }), {
  minLength: 1,
  maxLength: 3,
});

function toCatalog(destinations: EndpointModel[][]): Catalog {
  return parseCatalog({
    name: "generated",
    destinations: destinations.map((endpoints, i) => ({
      id: `d${i}`,
      label: `D${i}`,
      asg_governed: true,
      endpoints: endpoints.map((e) => e.json),
    })),
  });
}

const toGroups = (groups: Model[][]): SecurityGroup[] =>
  groups.map((models, i) => ({ name: `g${i}`, rules: models.map((m) => m.rule) }));

function reference(destinations: EndpointModel[][], groups: Model[][]) {
  return destinations.map((endpoints) => {
    const allowedBy = (p: Point) => groups.some((models) => models.some((m) => allows(m, p)));
    const full = endpoints.some((e) => e.points.every(allowedBy));
    const some = endpoints.some((e) => e.points.some(allowedBy));
    const status: DestinationStatus = full ? "allowed" : some ? "partial" : "blocked";
    const provenance = groups.flatMap((models, g) =>
      models.flatMap((m, ruleIndex) =>
        endpoints.some((e) => e.points.some((p) => allows(m, p))) ? [`g${g}#${ruleIndex}`] : [],
      ),
    );
    return { status, provenance };
  });
}

function engine(catalog: Catalog, groups: readonly SecurityGroup[]) {
  return evaluateLifecycle(groups, catalog).destinations.map((d) => ({
    status: d.status,
    provenance: d.provenance.map((p) => `${p.group}#${p.ruleIndex}`),
  }));
}

const RANK: Record<DestinationStatus, number> = { blocked: 0, partial: 1, allowed: 2 };

/** A deterministic shuffle driven by fast-check's seed, so failures shrink and replay. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const RUNS = { numRuns: 200 };

describe("the engine agrees with a brute-force reference", () => {
  it("on status and provenance of every destination", () => {
    fc.assert(
      fc.property(catalogArb, groupsArb, (destinations, groups) => {
        expect(engine(toCatalog(destinations), toGroups(groups))).toEqual(reference(destinations, groups));
      }),
      RUNS,
    );
  });

  it("on single packets (canReach)", () => {
    const pointArb = fc.record({
      protocol: fc.constantFrom("tcp" as const, "udp" as const, "icmp" as const, "icmpv6" as const),
      offset: fc.integer({ min: 0, max: SIZE - 1 }),
      port: fc.constantFrom(...PORT_CLASSES),
      type: fc.constantFrom(...TYPE_CLASSES),
      code: fc.constantFrom(...CODE_CLASSES),
    });
    fc.assert(
      fc.property(groupsArb, pointArb, (groups, q) => {
        const family: Family = q.protocol === "icmpv6" ? 6 : q.protocol === "icmp" ? 4 : q.offset % 2 ? 4 : 6;
        const point: Point = { ...q, family };
        const answer = canReach(toGroups(groups), {
          address: addr(family, q.offset),
          protocol: q.protocol,
          port: q.port,
          type: q.type,
          code: q.code,
        });
        const expected = groups.some((models) => models.some((m) => allows(m, point)));
        expect(answer).toMatchObject({ ok: true, allowed: expected });
        if (answer.ok && answer.by !== undefined) {
          const model = groups[Number(answer.by.group.slice(1))]?.[answer.by.ruleIndex];
          expect(model !== undefined && allows(model, point)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe("coverage is a set union", () => {
  it("is monotone: adding a rule never closes a destination", () => {
    fc.assert(
      fc.property(catalogArb, groupsArb, modelArb, fc.nat(), (destinations, groups, extra, where) => {
        const catalog = toCatalog(destinations);
        const before = engine(catalog, toGroups(groups));
        const grown =
          groups.length === 0
            ? [[extra]]
            : groups.map((g, i) => (i === where % groups.length ? [...g, extra] : g));
        const after = engine(catalog, toGroups(grown));
        after.forEach((a, i) => {
          const b = before[i];
          expect(b).toBeDefined();
          if (b === undefined) return;
          expect(RANK[a.status]).toBeGreaterThanOrEqual(RANK[b.status]);
          expect(a.provenance).toEqual(expect.arrayContaining(b.provenance));
        });
      }),
      RUNS,
    );
  });

  it("does not depend on the order of groups or of rules", () => {
    fc.assert(
      fc.property(catalogArb, groupsArb, fc.integer(), (destinations, groups, seed) => {
        const catalog = toCatalog(destinations);
        const named = toGroups(groups);
        const reordered = shuffle(named, seed).map((g, i) => ({ ...g, rules: shuffle(g.rules, seed + i) }));
        const ruleKeys = (gs: SecurityGroup[]) =>
          evaluateLifecycle(gs, catalog).destinations.map((d) => ({
            status: d.status,
            rules: d.provenance
              .map(
                (p) => `${p.group}:${JSON.stringify(gs.find((g) => g.name === p.group)?.rules[p.ruleIndex])}`,
              )
              .sort(),
          }));
        expect(ruleKeys(reordered)).toEqual(ruleKeys(named));
      }),
      RUNS,
    );
  });

  it("does not depend on how rules are split into groups", () => {
    fc.assert(
      fc.property(catalogArb, groupsArb, fc.integer({ min: 1, max: 4 }), (destinations, groups, parts) => {
        const catalog = toCatalog(destinations);
        const rules = groups.flat().map((m) => m.rule);
        const merged = [{ name: "one", rules }];
        const split = Array.from({ length: parts }, (_, i) => ({
          name: `part${i}`,
          rules: rules.filter((_, r) => r % parts === i),
        }));
        const status = (gs: SecurityGroup[]) =>
          evaluateLifecycle(gs, catalog).destinations.map((d) => d.status);
        expect(status(split)).toEqual(status(merged));
        expect(status(toGroups(groups))).toEqual(status(merged));
      }),
      RUNS,
    );
  });
});
