import { describe, expect, it } from "vitest";
import { describeError } from "./log";

describe("describeError", () => {
  it("describes any thrown value, even one that String() cannot convert", () => {
    expect(describeError({ toString: undefined })).toEqual({ error: "[object Object]" });
    expect(describeError(Object.create(null))).toEqual({ error: "[object Object]" });
    expect(describeError("plain")).toEqual({ error: "plain" });
  });
});
