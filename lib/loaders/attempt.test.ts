import { notFound } from "next/navigation";
import { afterEach, describe, expect, it, vi } from "vitest";
import { attemptEarly } from "./attempt";

vi.mock("@/lib/auth/cf-client", () => ({ getViewer: () => Promise.resolve({ client: {}, user: {} }) }));

describe("attemptEarly", () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  afterEach(() => {
    process.off("unhandledRejection", onUnhandled);
    unhandled.length = 0;
  });

  it("gives the read's value to whoever awaits it later", async () => {
    const started = attemptEarly(() => Promise.resolve(42));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await started).toEqual({ ok: true, value: 42 });
  });

  it("leaves no unhandled rejection when nothing awaits a not-found, and still rejects for whoever does", async () => {
    process.on("unhandledRejection", onUnhandled);
    const started = attemptEarly(() => Promise.resolve().then(() => notFound()));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
    await expect(started).rejects.toThrow();
  });
});
