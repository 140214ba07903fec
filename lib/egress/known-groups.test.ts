import { describe, expect, it } from "vitest";
import { KnownGroups } from "./known-groups";
import type { CfRule } from "./rules";

describe("groups known by guid across requests", () => {
  const tcp: CfRule = { protocol: "tcp", destination: "10.0.0.1", ports: "443" };
  const icmp: CfRule = { protocol: "icmp", destination: "10.0.0.1", type: 8, code: 0 };

  it("finds a group read again as new objects, whatever its rules' descriptions and log flags", () => {
    const known = new KnownGroups<string>();
    known.remember("g1", "web", [tcp, icmp], "compiled");
    expect(known.get("g1", "web", [{ ...tcp }, { ...icmp }])).toBe("compiled");
    expect(known.get("g1", "web", [{ ...tcp, description: "db", log: true }, icmp])).toBe("compiled");
  });

  it("misses when the name or any field a rule's meaning depends on differs, or the rules' order or count", () => {
    const known = new KnownGroups<string>();
    known.remember("g1", "web", [tcp, icmp], "compiled");
    expect(known.get("g2", "web", [tcp, icmp])).toBeUndefined();
    expect(known.get("g1", "web-renamed", [tcp, icmp])).toBeUndefined();
    expect(known.get("g1", "web", [icmp, tcp])).toBeUndefined();
    expect(known.get("g1", "web", [tcp])).toBeUndefined();
    expect(known.get("g1", "web", [tcp, icmp, tcp])).toBeUndefined();
    expect(known.get("g1", "web", [{ ...tcp, protocol: "udp" }, icmp])).toBeUndefined();
    expect(known.get("g1", "web", [{ ...tcp, destination: "10.0.0.2" }, icmp])).toBeUndefined();
    expect(known.get("g1", "web", [{ ...tcp, ports: "444" }, icmp])).toBeUndefined();
    expect(known.get("g1", "web", [tcp, { ...icmp, type: 0 }])).toBeUndefined();
    expect(known.get("g1", "web", [tcp, { ...icmp, code: 1 }])).toBeUndefined();
    // What the rule reader tells apart, the comparison does too: null is not absent, "8" is not 8.
    expect(known.get("g1", "web", [{ ...tcp, ports: null as unknown as string }, icmp])).toBeUndefined();
    expect(known.get("g1", "web", [tcp, { ...icmp, type: "8" as unknown as number }])).toBeUndefined();
    expect(known.get("g1", "web", [tcp, null as unknown as CfRule])).toBeUndefined();
  });

  it("keeps the latest result for a guid, and remembers nothing it could not compare by content", () => {
    const known = new KnownGroups<string>();
    known.remember("g1", "web", [tcp], "first");
    known.remember("g1", "web", [{ ...tcp, ports: "80" }], "second");
    expect(known.get("g1", "web", [tcp])).toBeUndefined();
    expect(known.get("g1", "web", [{ ...tcp, ports: "80" }])).toBe("second");
    const odd = { ...tcp, ports: ["443"] as unknown as string };
    known.remember("g2", "odd", [odd], "compiled");
    expect(known.get("g2", "odd", [odd])).toBeUndefined();
    known.remember("g3", "broken", [null as unknown as CfRule], "compiled");
    expect(known.size).toBe(1);
  });

  it("forgets everything once it holds its bound of guids, so memory stays flat", () => {
    const known = new KnownGroups<number>(3);
    for (let i = 0; i < 3; i++) known.remember(`g${i}`, `n${i}`, [tcp], i);
    expect(known.size).toBe(3);
    known.remember("g0", "n0", [tcp], 10); // a guid it holds: replaced, nothing forgotten
    expect(known.size).toBe(3);
    known.remember("g3", "n3", [tcp], 3);
    expect(known.size).toBe(1);
    expect(known.get("g1", "n1", [tcp])).toBeUndefined();
    expect(known.get("g3", "n3", [tcp])).toBe(3);
  });
});
