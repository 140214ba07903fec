import { z } from "zod";
import { describe, expect, it } from "vitest";
import {
  driftOf,
  matrixRowsJsonSchema,
  packRow,
  ROW_FIELDS,
  unpackRow,
  violates,
  type MatrixRowView,
} from "@/lib/view-models/matrix-rows";

/** The rows the org matrix sends to the browser: one field per column, packed as short as it can be. */

const shape = { profileIds: ["public", "trusted-local"] };

const violating: MatrixRowView = {
  guid: "3f1c2b9e-0000-4000-8000-000000000001",
  name: "prod",
  manage: true,
  posture: "public",
  policy: { rule: 2, reasons: ["Public egress is on; policy rule 2 'prod* must not have public egress'"] },
  profiles: { public: true, "trusted-local": false },
  statuses: ["allowed", "partial", "blocked"],
  segment: "alpha-dedicated",
  last: { id: 7, at: 1_760_000_000_000, who: "sam", drift: false },
};

const plain: MatrixRowView = {
  guid: "3f1c2b9e-0000-4000-8000-000000000002",
  name: "dev",
  manage: false,
  posture: "closed",
  policy: undefined,
  profiles: { public: false, "trusted-local": false },
  statuses: ["blocked", "blocked", "allowed"],
  segment: null,
  last: null,
};

describe("packed matrix rows", () => {
  it("travel as the row header's space, then one value per field in the fields' order", () => {
    expect(ROW_FIELDS.map((f) => f.key)).toEqual([
      "posture",
      "policy",
      "profiles",
      "statuses",
      "segment",
      "last",
    ]);
    expect(packRow(violating, shape)).toEqual([
      violating.guid,
      "prod",
      1,
      "public",
      [2, ["Public egress is on; policy rule 2 'prod* must not have public egress'"]],
      "10",
      "apb",
      "alpha-dedicated",
      [7, 1_760_000_000_000, "sam"],
    ]);
    expect(packRow(plain, shape)).toEqual([plain.guid, "dev", 0, "closed", 0, "00", "bba", null, 0]);
    expect(packRow({ ...plain, policy: { rule: "default" } }, shape)[4]).toEqual(["default"]);
  });

  it("come back as they left", () => {
    for (const row of [violating, plain, { ...plain, policy: { rule: "default" as const } }]) {
      expect(unpackRow(packRow(row, shape), shape)).toEqual(row);
    }
    expect(violates(unpackRow(packRow(violating, shape), shape))).toBe(true);
    expect(violates(unpackRow(packRow(plain, shape), shape))).toBe(false);
  });

  it("read the profiles in the page's profile order", () => {
    const reordered = { profileIds: ["trusted-local", "public"] };
    expect(packRow(violating, reordered)[5]).toBe("01");
    expect(unpackRow(packRow(violating, reordered), reordered).profiles).toEqual(violating.profiles);
  });
});

describe("a row's last change", () => {
  const drifted: MatrixRowView = {
    ...plain,
    guid: "3f1c2b9e-0000-4000-8000-000000000003",
    name: "sandbox",
    last: { id: 9, at: 1_760_000_060_000, who: "outside the dashboard", drift: true },
  };

  it("is packed without its actor when it was drift, and comes back as drift", () => {
    expect(packRow(drifted, shape).at(-1)).toEqual([9, 1_760_000_060_000]);
    expect(unpackRow(packRow(drifted, shape), shape).last).toEqual(drifted.last);
    expect(unpackRow(packRow(violating, shape), shape).last).toEqual(violating.last);
  });

  it("counts the drifted spaces, since the earliest of their changes", () => {
    const rows = (list: MatrixRowView[]) => ({
      rows: list.map((r) => packRow(r, shape)),
      historyAvailable: true,
    });
    expect(driftOf(rows([violating, plain]))).toBeNull();
    const earlier = { ...drifted, guid: "x", last: { id: 3, at: 1_759_000_000_000, who: "", drift: true } };
    expect(driftOf(rows([violating, drifted, plain, earlier]))).toEqual({
      spaces: 2,
      since: 1_759_000_000_000,
    });
  });
});

describe("the rows route's answer, as the browser checks it", () => {
  const schema = matrixRowsJsonSchema(z);
  const drifted = { ...plain, last: { id: 9, at: 1, who: "outside the dashboard", drift: true } };
  const answer = {
    rows: [packRow(violating, shape), packRow(plain, shape), packRow(drifted, shape)],
    historyAvailable: true,
  };

  it("accepts the rows the server packs", () => {
    expect(schema.parse(JSON.parse(JSON.stringify(answer)))).toEqual(answer);
  });

  it("refuses a row with a field out of shape, a missing field, or an extra one", () => {
    const row = packRow(plain, shape);
    const bad = (r: unknown[]) => schema.safeParse({ rows: [r], historyAvailable: true }).success;
    expect(bad([...row])).toBe(true);
    expect(bad(row.map((v, i) => (i === 3 ? "open" : v)))).toBe(false); // posture
    expect(bad(row.map((v, i) => (i === 6 ? "axb" : v)))).toBe(false); // statuses
    expect(bad(row.slice(0, -1))).toBe(false);
    expect(bad([...row, 1])).toBe(false);
  });
});
