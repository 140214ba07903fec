import { describe, expect, it } from "vitest";
import { CompiledGroups, rulesKey } from "./compiled-groups";
import type { CfRule } from "./rules";

describe("compiled groups, remembered by their rules", () => {
  const tcp: CfRule = { protocol: "tcp", destination: "10.0.0.1", ports: "443" };

  it("keys rules by what they mean: a description or log flag changes nothing, any other field does", () => {
    expect(rulesKey([{ ...tcp, description: "db", log: true }])).toBe(rulesKey([tcp]));
    expect(rulesKey([{ ...tcp, ports: "444" }])).not.toBe(rulesKey([tcp]));
    expect(rulesKey([tcp, tcp])).not.toBe(rulesKey([tcp]));
    // What the rule reader tells apart, the key does too: null ports are not absent ports,
    // and a number where a string belongs is not that string.
    const all: CfRule = { protocol: "all", destination: "10.0.0.1" };
    expect(rulesKey([{ ...all, ports: null as unknown as string }])).not.toBe(rulesKey([all]));
    const icmp = { protocol: "icmp", destination: "10.0.0.1", type: 8, code: 0 };
    expect(rulesKey([{ ...icmp, type: "8" as unknown as number }])).not.toBe(rulesKey([icmp]));
    expect(rulesKey([null as unknown as CfRule])).not.toBe(rulesKey([]));
  });

  it("compiles each distinct list of rules once, whatever object carries it", () => {
    const cache = new CompiledGroups<number>();
    let compiled = 0;
    const compile = () => ++compiled;
    expect(cache.get([tcp], compile)).toBe(1);
    expect(cache.get([{ ...tcp }], compile)).toBe(1);
    expect(cache.get([{ ...tcp, ports: "80" }], compile)).toBe(2);
    expect(compiled).toBe(2);
  });

  it("forgets the least recently used first, within its bounds of entries and characters", () => {
    const byEntries = new CompiledGroups<string>(1_000_000, 2);
    const rules = (port: number): CfRule[] => [{ ...tcp, ports: String(port) }];
    byEntries.get(rules(1), () => "one");
    byEntries.get(rules(2), () => "two");
    byEntries.get(rules(1), () => "again"); // used again: now the most recent
    byEntries.get(rules(3), () => "three");
    expect(byEntries.size).toBe(2);
    expect(byEntries.get(rules(1), () => "recompiled")).toBe("one");
    expect(byEntries.get(rules(2), () => "recompiled")).toBe("recompiled");

    const key = rulesKey(rules(1)).length;
    const byChars = new CompiledGroups<string>(key * 2, 1_000);
    for (let port = 1; port <= 5; port++) byChars.get(rules(port), () => String(port));
    expect(byChars.size).toBe(2);
    // A list of rules longer than the whole bound is compiled, never kept.
    expect(new CompiledGroups<string>(10, 10).get(rules(1), () => "x")).toBe("x");
  });
});
