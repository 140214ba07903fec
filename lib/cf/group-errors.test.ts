import { describe, expect, it } from "vitest";
import { groupFieldErrors } from "./group-errors";

describe("groupFieldErrors", () => {
  it("puts a taken name under the name field, in CF's words", () => {
    expect(groupFieldErrors("Security group with name 'db' already exists.")).toEqual({
      name: ["Security group with name 'db' already exists."],
    });
  });

  it("puts each rule's problems under that rule (from 0), and what names no rule under the rules", () => {
    expect(
      groupFieldErrors(
        "Rules[0]: destination octets cannot contain leading zeros, Rules[2]: ports must be a valid single port",
      ),
    ).toEqual({
      "rules.0": ["destination octets cannot contain leading zeros"],
      "rules.2": ["ports must be a valid single port"],
    });
    expect(groupFieldErrors("Rules must be an array")).toEqual({ rules: ["Rules must be an array"] });
  });
});
