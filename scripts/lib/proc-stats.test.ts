import { describe, expect, it } from "vitest";
import { cpuSeconds, memoryMb, resetPeak } from "./proc-stats";

// /proc is Linux's: elsewhere every reading is null, which the benchmarks report as "—".
describe.runIf(process.platform === "linux")("proc-stats", () => {
  it("reads this process's resident memory and CPU, and starts its peak again from now", () => {
    const before = memoryMb(process.pid);
    expect(before?.now).toBeGreaterThan(10);
    expect(before?.peak).toBeGreaterThanOrEqual(before?.now ?? Infinity);
    const cpu = cpuSeconds(process.pid) ?? -1;
    let spin = 0;
    for (const end = Date.now() + 200; Date.now() < end;) spin++;
    expect(spin).toBeGreaterThan(0);
    expect((cpuSeconds(process.pid) ?? -1) - cpu).toBeGreaterThan(0.05);
    resetPeak(process.pid);
    const after = memoryMb(process.pid);
    expect(after?.peak).toBeLessThanOrEqual((before?.peak ?? 0) + 50);
  });

  it("answers null for a process that is not there", () => {
    expect(memoryMb(2 ** 30)).toBeNull();
    expect(cpuSeconds(2 ** 30)).toBeNull();
    expect(() => resetPeak(2 ** 30)).not.toThrow();
  });
});
