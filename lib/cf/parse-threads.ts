import { readPage, type PageJob, type ReadOutcome } from "./page-readers";

/**
 * A small pool of threads that read list pages (./page-readers.ts) beside
 * the pages' thread. An admin's org page at 10,000 groups decodes, splits and
 * parses 11 MB of groups to keep a few hundred: in a thread of its own that
 * work runs on the machine's other core while the pages' thread reads the
 * org's spaces and renders, and its garbage is collected in the thread's
 * small heap rather than in the pages' large one. A page's bytes are shared
 * with the thread (a SharedArrayBuffer: not copied), and only the checked
 * page, its kept resources, comes back (copied by the message).
 *
 * Nothing depends on a thread being there: a pool that cannot start one, a
 * thread that errs, ends or runs past its heap, reads the page here instead
 * (the bytes are still this thread's too), with the same reader, so the
 * answer is the same. A thread that ended is replaced on a later read, not
 * at once: one that cannot start (a missing bundle) costs a try now and then.
 *
 * The protocol is plain messages, so that it works over any port: a Worker
 * in production (./parse-worker.ts), a MessageChannel in tests.
 */

type ToThread = { id: number; job: PageJob; bytes: Uint8Array };
type FromThread = { id: number; outcome: ReadOutcome } | { id: number; failed: string };

/** What both a Worker and a MessagePort offer; a thread also says "error" and "exit". */
export type ParseThreadHandle = {
  postMessage(message: unknown): void;
  // Node types each event's listener apart (overloads); `any` is what both classes accept for a string event.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (value: any) => void): unknown;
  terminate(): Promise<unknown>;
};

/** How long a pool slot whose thread ended reads in process before it starts another. */
export const RESTART_AFTER_MS = 10_000;

type Pending = { resolve: (outcome: ReadOutcome) => void; here: () => void };
type Slot = { thread?: ParseThreadHandle; pending: Map<number, Pending>; restUntil: number };

/** Reads a page here, as a promise (a reader that throws rejects it). */
const readHere = (job: PageJob, bytes: Uint8Array) =>
  new Promise<ReadOutcome>((resolve) => resolve(readPage(job, bytes)));

export class ParseThreads {
  private readonly slots: Slot[];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly spawn: () => ParseThreadHandle,
    size: number,
    private readonly now: () => number = Date.now,
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => ({ pending: new Map(), restUntil: 0 }));
  }

  /**
   * The page in `bytes` read by `job`'s reader, in a thread where one is
   * there, else here. `bytes` should be on a SharedArrayBuffer: other bytes
   * are copied to the thread, and are still read here if it fails.
   */
  read(job: PageJob, bytes: Uint8Array): Promise<ReadOutcome> {
    const slot = this.pick();
    const thread = slot?.thread;
    if (slot === undefined || thread === undefined) return readHere(job, bytes);
    const id = this.nextId++;
    return new Promise<ReadOutcome>((resolve, reject) => {
      const here = () => void readHere(job, bytes).then(resolve, reject);
      slot.pending.set(id, { resolve, here });
      try {
        thread.postMessage({ id, job, bytes } satisfies ToThread);
      } catch {
        slot.pending.delete(id);
        here();
      }
    });
  }

  /** Ends the threads (at shutdown); reads still waiting on them are read here. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        const thread = slot.thread;
        if (thread === undefined) return;
        this.ended(slot, thread, false);
        await thread.terminate().catch(() => undefined);
      }),
    );
  }

  /** The least busy slot with a thread, started if need be; undefined when none can be had. */
  private pick(): Slot | undefined {
    if (this.closed) return undefined;
    let best: Slot | undefined;
    for (const slot of this.slots) {
      if (slot.thread === undefined && !this.start(slot)) continue;
      if (best === undefined || slot.pending.size < best.pending.size) best = slot;
    }
    return best;
  }

  private start(slot: Slot): boolean {
    if (this.now() < slot.restUntil) return false;
    let thread: ParseThreadHandle;
    try {
      thread = this.spawn();
    } catch {
      slot.restUntil = this.now() + RESTART_AFTER_MS;
      return false;
    }
    thread.on("message", (message: FromThread) => {
      const pending = slot.pending.get(message.id);
      if (pending === undefined) return;
      slot.pending.delete(message.id);
      // A reader that threw there (not a refusal: a fault) is read here, where it throws as it always did.
      if ("outcome" in message) pending.resolve(message.outcome);
      else pending.here();
    });
    thread.on("error", () => this.ended(slot, thread, true));
    thread.on("exit", () => this.ended(slot, thread, true));
    slot.thread = thread;
    return true;
  }

  private ended(slot: Slot, thread: ParseThreadHandle, unexpected: boolean): void {
    if (slot.thread !== thread) return;
    slot.thread = undefined;
    if (unexpected) slot.restUntil = this.now() + RESTART_AFTER_MS;
    const waiting = [...slot.pending.values()];
    slot.pending.clear();
    for (const pending of waiting) pending.here();
  }
}

/** A parse thread's end: reads each page it is sent and answers its outcome. */
export function serveParses(port: Pick<ParseThreadHandle, "postMessage" | "on">): void {
  port.on("message", ({ id, job, bytes }: ToThread) => {
    let answer: FromThread;
    try {
      answer = { id, outcome: readPage(job, bytes) };
    } catch (error) {
      answer = { id, failed: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer);
  });
}
