import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRulesOnce, type CfRule } from "../rules";
import { distinctOf, mayHold } from "./overlap";
import { ruleInside, ruleKey } from "./rule-sets";

/**
 * The shadow check's first test (./overlap.ts `mayHold`) only skips pairs the full test
 * (`ruleInside`) would refuse: on random rules of every protocol, IPv4 and IPv6 destinations
 * (addresses, CIDRs, ranges, lists) and ports, whenever one rule holds another, `mayHold` says so.
 */

const octet = fc.integer({ min: 0, max: 255 });
const v4 = fc.tuple(fc.constantFrom(10, 172, 192), octet, octet).map(([a, b, c]) => `${a}.${b}.${c}`);
const destination = fc.oneof(
  v4.map((net) => `${net}.0/24`),
  fc.tuple(v4, octet).map(([net, d]) => `${net}.${d}`),
  fc.tuple(v4, octet, octet).map(([net, a, b]) => `${net}.${Math.min(a, b)}-${net}.${Math.max(a, b)}`),
  fc.constantFrom(
    "10.0.0.0/8",
    "0.0.0.0/0",
    "10.0.0.0-10.255.255.255",
    "2001:db8::/32",
    "2001:db8::1",
    "::/0",
  ),
);
const rule: fc.Arbitrary<CfRule> = fc.oneof(
  fc.record({
    protocol: fc.constantFrom("tcp", "udp"),
    destination: fc.array(destination, { minLength: 1, maxLength: 3 }).map((d) => d.join(",")),
    ports: fc.constantFrom("443", "80,443", "1-65535", "5432", "8000-9000"),
  }),
  fc.record({ protocol: fc.constant("all"), destination }),
  fc.record({ protocol: fc.constant("icmp"), destination, type: fc.constant(-1), code: fc.constant(-1) }),
);

describe("the shadow check's first test", () => {
  it("never skips a pair where one rule holds the other", () => {
    fc.assert(
      fc.property(fc.array(rule, { minLength: 2, maxLength: 12 }), (rules) => {
        const parsed = parseRulesOnce(rules).rules;
        const entries = parsed.map((r) => distinctOf(r, ruleKey(r)));
        let held = 0;
        for (const inner of entries)
          for (const outer of entries) {
            if (!ruleInside(inner.rule, outer.rule)) continue;
            held++;
            expect(mayHold(outer, inner)).toBe(true);
          }
        return held >= parsed.length; // every rule holds itself, so the property is never vacuous
      }),
      { numRuns: 400 },
    );
  });
});
