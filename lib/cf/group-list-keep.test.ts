import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mayMatter, pageKeeping } from "./group-list-keep";
import { parseKeeping } from "./list-text";

/**
 * The selective parse of the group list (list-text.ts with mayMatter) loses
 * nothing an org page keeps: on random pages of groups, some platform-wide,
 * some named as a profile's group (names with quotes and backslashes too),
 * some bound to the org's spaces or to others', written compactly or
 * pretty-printed, what pageKeeping keeps of the selectively parsed page is
 * what it keeps of the whole page parsed.
 */

const ORG_SPACES = ["space-a", "space-b"];
const OTHER_SPACES = ["space-x", "space-y", "space-z"];
const NAMES = ["public_networks_egress", 'we"ird\\name'];
const link = { href: "https://api.example/v3/x" };

const groupArb = fc
  .record({
    name: fc.oneof(fc.constantFrom(...NAMES), fc.string(), fc.constantFrom("g1", "g2", "g3")),
    running: fc.boolean(),
    staging: fc.boolean(),
    globalWeight: fc.nat({ max: 4 }),
    runningSpaces: fc.subarray([...ORG_SPACES, ...OTHER_SPACES]),
    stagingSpaces: fc.subarray([...ORG_SPACES, ...OTHER_SPACES]),
    description: fc.string(),
    guid: fc.uuid(),
  })
  .map((g) => ({
    guid: g.guid,
    created_at: "2026-01-05T10:00:00Z",
    updated_at: "2026-01-05T10:00:00Z",
    name: g.name,
    // Mostly not platform-wide, as on a real foundation.
    globally_enabled: {
      running: g.globalWeight === 0 && g.running,
      staging: g.globalWeight === 0 && g.staging,
    },
    rules: [{ protocol: "tcp", destination: "10.0.0.1", ports: "443", description: g.description }],
    relationships: {
      running_spaces: { data: g.runningSpaces.map((guid) => ({ guid })) },
      staging_spaces: { data: g.stagingSpaces.map((guid) => ({ guid })) },
    },
    links: { self: link },
  }));

describe("what an org page keeps of the whole group list", () => {
  const spaces = new Set(ORG_SPACES);
  const names = new Set(NAMES);

  it("is the same whether the page is parsed selectively or whole", () => {
    fc.assert(
      fc.property(fc.array(groupArb, { maxLength: 12 }), fc.boolean(), (groups, pretty) => {
        const page = {
          pagination: {
            total_results: groups.length,
            total_pages: 1,
            first: link,
            last: link,
            next: null,
            previous: null,
          },
          resources: groups,
        };
        const text = pretty ? JSON.stringify(page, null, 2) : JSON.stringify(page);
        const schema = pageKeeping(spaces, names);
        const whole = schema.parse(JSON.parse(text));
        const selective = schema.parse(parseKeeping(text, mayMatter(spaces, names)));
        expect(selective).toEqual(whole);
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });

  it("does not parse a group that is bound elsewhere only, not platform-wide and not named", () => {
    const keep = mayMatter(spaces, names);
    const group = (changes: object) =>
      JSON.stringify({
        guid: "g",
        name: "elsewhere",
        globally_enabled: { running: false, staging: false },
        rules: [],
        relationships: { running_spaces: { data: [{ guid: "space-x" }] }, staging_spaces: { data: [] } },
        ...changes,
      });
    expect(keep(group({}))).toBe(false);
    expect(keep(group({ name: "public_networks_egress" }))).toBe(true);
    expect(keep(group({ name: 'we"ird\\name' }))).toBe(true);
    expect(keep(group({ globally_enabled: { running: false, staging: true } }))).toBe(true);
    expect(
      keep(
        group({
          relationships: { running_spaces: { data: [] }, staging_spaces: { data: [{ guid: "space-b" }] } },
        }),
      ),
    ).toBe(true);
    // An escape anywhere: the text cannot be read by search, so the parse decides.
    expect(keep(group({ name: "else\\where" }))).toBe(true);
  });
});
