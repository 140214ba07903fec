import { describe, expect, it } from "vitest";
import { pageKeeping } from "./group-list-keep";
import { readPage, type PageJob } from "./page-readers";
import { groupPage, ORG_SPACES, PROFILE_NAMES, sharedBytes } from "./test-support/group-pages";

/**
 * A page reader (./page-readers.ts) answers what the whole page, parsed and
 * checked, keeps: on generated group pages, compact and pretty-printed, with
 * names beyond ASCII and escapes, and where the text is not what the
 * selective parse expects (it falls back to the whole parse); and it says
 * what was wrong with a page it refuses.
 */

const job: PageJob = { reader: "groups-for-spaces", params: { spaces: ORG_SPACES, names: PROFILE_NAMES } };
const whole = (text: string) =>
  pageKeeping(new Set(ORG_SPACES), new Set(PROFILE_NAMES)).parse(JSON.parse(text));

describe("readPage", () => {
  it("keeps what the whole page, parsed and checked, keeps", () => {
    for (const seed of [1, 2, 3]) {
      for (const pretty of [false, true]) {
        const text = groupPage(seed, 300, { pretty });
        const read = readPage(job, sharedBytes(text));
        expect(read).toEqual({ ok: true, value: whole(text) });
        const kept = (read as { value: { resources: unknown[] } }).value.resources.length;
        expect(kept).toBeGreaterThan(20);
        expect(kept).toBeLessThan(200);
      }
    }
  });

  it("reads a text the selective parse does not expect whole, to the same page", () => {
    // A "resources" key met first inside another object: the split gives up, the whole text is parsed.
    const text = groupPage(4, 100).replace(/^\{/, '{"meta":{"resources":[1]},');
    expect(readPage(job, sharedBytes(text))).toEqual({ ok: true, value: whole(text) });
    // A byte order mark is dropped, as Response.text() drops it.
    const marked = new Uint8Array([0xef, 0xbb, 0xbf, ...sharedBytes(text)]);
    expect(readPage(job, marked)).toEqual(readPage(job, sharedBytes(text)));
  });

  it("says a page is not JSON, or not shaped like one, or empty", () => {
    expect(readPage(job, sharedBytes('{"pagination": {'))).toEqual({ ok: false, problem: "not-json" });
    const shape = readPage(job, sharedBytes('{"pagination": {}, "resources": []}'));
    expect(shape).toMatchObject({ ok: false, problem: "shape" });
    expect(shape.ok || shape.problem !== "shape" || shape.detail).toMatch(/pagination/);
    expect(readPage(job, new Uint8Array(0))).toMatchObject({ ok: false, problem: "shape" });
  });
});
