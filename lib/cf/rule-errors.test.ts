import { describe, expect, it } from "vitest";
import { ruleErrorsOf } from "./rule-errors";

describe("ruleErrorsOf", () => {
  it("puts each of CF's rule problems next to its rule, commas inside a problem kept", () => {
    expect(
      ruleErrorsOf(
        "Rules[1]: destination must be a valid CIDR, IP address, or IP range, Rules[1]: ports must be valid, Rules[3]: protocol must be 'tcp', 'udp', 'icmp', 'icmpv6' or 'all'",
      ),
    ).toEqual({
      byRule: {
        1: ["destination must be a valid CIDR, IP address, or IP range", "ports must be valid"],
        3: ["protocol must be 'tcp', 'udp', 'icmp', 'icmpv6' or 'all'"],
      },
      general: [],
    });
  });

  it("reads the model's numbering, from 1, as the same rule index", () => {
    expect(ruleErrorsOf("rules rule number 2 contains the invalid field 'type'")).toEqual({
      byRule: { 1: ["contains the invalid field 'type'"] },
      general: [],
    });
  });

  it("keeps what names no rule as a general problem", () => {
    expect(ruleErrorsOf("Name can't be blank")).toEqual({ byRule: {}, general: ["Name can't be blank"] });
    expect(ruleErrorsOf("Rules must be an array, Rules[0]: bad")).toEqual({
      byRule: { 0: ["bad"] },
      general: ["Rules must be an array"],
    });
  });
});
