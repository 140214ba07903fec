import { MessageChannel, Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { readPage, type PageJob } from "./page-readers";
import { ParseThreads, RESTART_AFTER_MS, serveParses, type ParseThreadHandle } from "./parse-threads";
import { groupPage, ORG_SPACES, PROFILE_NAMES, sharedBytes } from "./test-support/group-pages";

/**
 * The parse threads (./parse-threads.ts) as deployed, a worker started from
 * the sources (the build bundles the same entry, ./parse-worker.ts): a page
 * read there is the page read here, for every outcome; and a thread that
 * cannot start, ends in the middle of a read, or fails one, leaves the read
 * to this thread, to the same answer.
 */

const job: PageJob = { reader: "groups-for-spaces", params: { spaces: ORG_SPACES, names: PROFILE_NAMES } };
const texts = [
  groupPage(11, 400),
  groupPage(12, 400, { pretty: true }),
  groupPage(13, 50).replace(/^\{/, '{"meta":{"resources":[1]},'), // read whole: the split gives up
  '{"pagination": {',
  '{"pagination": {}, "resources": []}',
  "",
];

const started: Worker[] = [];
function worker(): Worker {
  const thread = new Worker(new URL("./test-support/parse-worker-boot.mjs", import.meta.url));
  thread.unref();
  started.push(thread);
  return thread;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((thread) => thread.terminate()));
});

/** A spawn that counts the threads it starts and the messages they answer. */
function counted(spawn: () => ParseThreadHandle) {
  const seen = { threads: 0, answers: 0 };
  return {
    seen,
    spawn: () => {
      seen.threads++;
      const thread = spawn();
      thread.on("message", () => seen.answers++);
      return thread;
    },
  };
}

describe("ParseThreads", () => {
  it("reads each page in a worker to the outcome it has here, two threads at once", async () => {
    const { seen, spawn } = counted(worker);
    const pool = new ParseThreads(spawn, 2);
    const outcomes = await Promise.all(texts.map((text) => pool.read(job, sharedBytes(text))));
    expect(outcomes).toStrictEqual(texts.map((text) => readPage(job, sharedBytes(text))));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(seen).toEqual({ threads: 2, answers: texts.length });
    // Bytes that are not shared are copied to the thread, and read the same.
    const text = texts[0]!;
    expect(await pool.read(job, new TextEncoder().encode(text))).toStrictEqual(outcomes[0]);
    expect(seen).toEqual({ threads: 2, answers: texts.length + 1 });
    await pool.close();
  });

  it("reads here the pages of a thread that ended in the middle, and starts another only later", async () => {
    let now = 0;
    const { seen, spawn } = counted(worker);
    const pool = new ParseThreads(spawn, 1, () => now);
    const text = texts[0]!;
    const reading = pool.read(job, sharedBytes(text));
    await started[0]!.terminate();
    expect(await reading).toStrictEqual(readPage(job, sharedBytes(text)));
    expect(seen.answers).toBe(0);
    // Within the rest, here; after it, a new thread.
    expect(await pool.read(job, sharedBytes(text))).toStrictEqual(readPage(job, sharedBytes(text)));
    expect(seen.threads).toBe(1);
    now += RESTART_AFTER_MS;
    expect(await pool.read(job, sharedBytes(text))).toStrictEqual(readPage(job, sharedBytes(text)));
    expect(seen).toEqual({ threads: 2, answers: 1 });
  });

  it("reads here when no thread can start, and tries again only after the rest", async () => {
    let now = 0;
    let tries = 0;
    const pool = new ParseThreads(
      () => {
        tries++;
        throw new Error("no worker here");
      },
      2,
      () => now,
    );
    const bytes = sharedBytes(texts[1]!);
    expect(await pool.read(job, bytes)).toStrictEqual(readPage(job, bytes));
    expect(await pool.read(job, bytes)).toStrictEqual(readPage(job, bytes));
    expect(tries).toBe(2); // one per slot
    now += RESTART_AFTER_MS;
    await pool.read(job, bytes);
    expect(tries).toBe(4);
  });

  it("reads here a page whose reading failed in the thread, and a thread that errs is left", async () => {
    const { port1, port2 } = new MessageChannel();
    // A thread whose reader fails (a fault, not a refusal): it answers that it failed.
    port1.on("message", ({ id }: { id: number }) => port1.postMessage({ id, failed: "out of sorts" }));
    const handle = Object.assign(port2, { terminate: () => Promise.resolve(port2.close()) });
    const pool = new ParseThreads(() => handle, 1);
    const bytes = sharedBytes(texts[0]!);
    expect(await pool.read(job, bytes)).toStrictEqual(readPage(job, bytes));
    // An error event ends the thread: what waits on it is read here.
    port1.removeAllListeners("message");
    const waiting = pool.read(job, bytes);
    port2.emit("error", new Error("broken"));
    expect(await waiting).toStrictEqual(readPage(job, bytes));
    port1.close();
  });

  it("answers a reader's outcome over a plain channel, and closes with nothing waiting", async () => {
    const { port1, port2 } = new MessageChannel();
    serveParses(port1);
    const pool = new ParseThreads(
      () => Object.assign(port2, { terminate: () => Promise.resolve(port2.close()) }),
      1,
    );
    const bytes = sharedBytes(texts[3]!);
    expect(await pool.read(job, bytes)).toEqual({ ok: false, problem: "not-json" });
    await pool.close();
    // Closed: read here.
    expect(await pool.read(job, bytes)).toEqual({ ok: false, problem: "not-json" });
    port1.close();
  });
});
