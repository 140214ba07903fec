import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, chainHash, chainRows, differences, fieldsOf, GENESIS } from "./chain-record";

describe("the chain's records", () => {
  it("writes one JSON text for one value, keys sorted at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: null, y: "x" }], c: "é" } })).toBe(
      '{"a":{"c":"é","d":[2,{"y":"x","z":null}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it("takes a record's fields from a row, every column present, other values as null", () => {
    const fields = fieldsOf("outcome", {
      id: 7,
      outcome: "failed",
      cf_status: 403,
      message: undefined,
      extra: 1,
    });
    expect(fields).toEqual({
      outcome: "failed",
      cf_status: 403,
      cf_code: null,
      cf_title: null,
      cf_detail: null,
      message: null,
      settled_at: null,
      settled_by: null,
    });
  });

  it("links each record to the one before: SHA-256 of the previous hash and the record", () => {
    const rows = chainRows(
      GENESIS,
      [
        { subject: "entry", subjectId: 4, fields: { kind: "policy" } },
        { subject: "outcome", subjectId: 4, fields: { outcome: "succeeded" } },
      ],
      1_000,
    );
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    const expected = createHash("sha256")
      .update([GENESIS.hash, 1, "entry", 4, 1_000, '{"kind":"policy"}'].join("\n"))
      .digest("hex");
    expect(rows[0]?.hash).toBe(expected);
    expect(rows[1]?.hash).toBe(chainHash(expected, rows[1]!));
    // Any change to a record, or to the hash it follows, changes its hash.
    expect(chainHash(expected, { ...rows[1]!, record: '{"outcome":"failed"}' })).not.toBe(rows[1]?.hash);
    expect(chainHash(GENESIS.hash, rows[1]!)).not.toBe(rows[1]?.hash);
  });

  it("words each difference between the chain and a row", () => {
    expect(
      differences({ outcome: "succeeded", message: null }, { outcome: "failed", message: null }),
    ).toEqual(['outcome: the chain has "succeeded", the row has "failed"']);
    expect(differences({ message: "x" }, {})).toEqual(['message: the chain has "x", the row has nothing']);
  });
});
