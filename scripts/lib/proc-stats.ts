import { readFileSync, writeFileSync } from "node:fs";

/**
 * A benchmarked process's memory and CPU, from Linux's /proc (null off Linux): what
 * `npm run bench` reports of the dashboard's server process per row and per cycle.
 */

/** Peak (VmHWM) and current (VmRSS) resident memory, in MB. */
export function memoryMb(pid: number): { peak: number; now: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) =>
      Math.round(Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024);
    return { peak: field("VmHWM"), now: field("VmRSS") };
  } catch {
    return null;
  }
}

/** CPU seconds the process has used (user and system), all its threads. */
export function cpuSeconds(pid: number): number | null {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks, USER_HZ = 100 on Linux
  } catch {
    return null;
  }
}

/** Starts the peak (VmHWM) again from the current resident memory. */
export function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    // Not Linux, or not allowed: the peak then runs from the process's start.
  }
}
