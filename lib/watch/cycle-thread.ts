import type { CfClient } from "@/lib/cf/client";
import { CfApiError } from "@/lib/cf/errors";
import type { RequestSpan } from "@/lib/cf/request-depth";
import type { AppDatabase } from "@/lib/db/types";
import type { PolicyContext } from "@/lib/policy";
import { PagesBusyness, readBusyness } from "./busyness";
import { runCycle, type CycleResult } from "./cycle";
import { CycleFailure, runTiming, type CycleRun, type CycleRunner } from "./cycle-runner";
import { GIVE_WAY, pacer } from "./give-way";
import { JudgeMemo } from "./judge-memo";

/**
 * The watcher's cycles in a thread of their own (docs/design.md §12): the
 * schedule, the lease and /api/health stay in the pages' thread, which sends
 * each cycle to the cycle thread (./cycle-worker.ts) with a fresh token and
 * is told of its requests, its orgs' failures and its result. The thread has
 * its own database connection and keeps the judgement memo between cycles.
 * Parsing the foundation's lists (tens of MB), judging 20,000 spaces and the
 * synchronous SQLite statements of a cycle then never hold up a page, and
 * their garbage is collected in the thread's own heap, whose size the worker
 * bounds (./index.ts). While a cycle runs, the pages' thread shares how busy
 * it is (./busyness.ts), and the cycle gives way to it (./give-way.ts).
 *
 * The protocol is plain messages, so that it works over any port: a Worker
 * in production, a MessageChannel in tests.
 */

type RunRequest = Omit<CycleRun, "signal" | "onRequest" | "onOrgError"> & {
  token: string;
  /** The pages' thread's busyness, shared (not copied) by the message. */
  busyness: SharedArrayBuffer;
};

type ToThread =
  | { kind: "run"; id: number; run: RunRequest }
  | { kind: "abort"; id: number; reason: string }
  | { kind: "close" };

type FromThread =
  | { kind: "request"; id: number; span: RequestSpan }
  | { kind: "org-error"; id: number; orgGuid: string; error: string }
  | { kind: "done"; id: number; result: CycleResult }
  | { kind: "failed"; id: number; message: string; status: number | null }
  | { kind: "closed" };

/** What both a Worker and a MessagePort offer. */
export type Port = {
  postMessage(message: unknown): void;
  /** "message"; and for a thread also "error" (an Error) and "exit" (its code). */
  // Node types each event's listener apart (overloads); `any` is what both classes accept for a string event.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (value: any) => void): unknown;
};

/** The thread's end, as seen from the pages' thread: a port that may also fail or end. */
export type CycleThreadHandle = Port & { terminate(): Promise<unknown> };

const CLOSE_WAIT_MS = 2_000;
/** What Node says when V8 ended a worker at its `resourceLimits` (./index.ts bounds the cycle thread's). */
const outOfMemory = (error: Error | undefined) =>
  (error as { code?: unknown } | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY";
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

type Pending = { run: CycleRun; resolve: (result: CycleResult) => void; reject: (error: Error) => void };

/**
 * The pages' end: `runner` sends a cycle to the thread, started on first use
 * and again after it died (a heap past its limit ends the thread: that cycle
 * fails with the reason, the next one gets a new thread and an empty memo).
 */
export class CycleThread {
  private thread: CycleThreadHandle | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly spawn: () => CycleThreadHandle,
    private readonly token: () => Promise<string>,
    private readonly busyness = new PagesBusyness(),
  ) {}

  readonly runner: CycleRunner = async (run) => {
    const token = await this.token();
    if (this.closed) throw new CycleFailure("the watcher is shutting down", null);
    const thread = this.started();
    const id = this.nextId++;
    const { observedAt, previousObservedAt, baseline, pendingStaleAfterMs, pauseBudgetMs } = run;
    const abort = () =>
      thread.postMessage({ kind: "abort", id, reason: messageOf(run.signal.reason) } satisfies ToThread);
    this.busyness.start();
    return new Promise<CycleResult>((resolve, reject) => {
      this.pending.set(id, { run, resolve, reject });
      const busyness = this.busyness.buffer;
      thread.postMessage({
        kind: "run",
        id,
        run: {
          observedAt,
          previousObservedAt,
          baseline,
          pendingStaleAfterMs,
          pauseBudgetMs,
          token,
          busyness,
        },
      } satisfies ToThread);
      if (run.signal.aborted) abort();
      else run.signal.addEventListener("abort", abort, { once: true });
    }).finally(() => {
      run.signal.removeEventListener("abort", abort);
      this.busyness.stop();
    });
  };

  /** At shutdown, after the watcher stopped: the thread closes its database and ends (or is ended). */
  async close(): Promise<void> {
    this.closed = true;
    const thread = this.thread;
    if (thread === undefined) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CLOSE_WAIT_MS);
      timer.unref();
      thread.on("message", (message: FromThread) => {
        if (message.kind === "closed") resolve();
      });
      thread.on("exit", () => resolve());
      thread.postMessage({ kind: "close" } satisfies ToThread);
    });
    await thread.terminate();
  }

  private started(): CycleThreadHandle {
    if (this.thread !== undefined) return this.thread;
    const thread = this.spawn();
    const ended = (reason: string, error?: Error) => {
      if (this.thread === thread) this.thread = undefined;
      const message = outOfMemory(error)
        ? `the cycle's thread ran out of memory: its heap is bounded, and this cycle needed more (${reason})`
        : `the cycle's thread ended: ${reason}`;
      for (const [id, pending] of this.pending) {
        this.pending.delete(id);
        pending.reject(new CycleFailure(message, null));
      }
    };
    thread.on("message", (message: FromThread) => this.received(message));
    thread.on("error", (error: Error) => ended(error.message, error));
    thread.on("exit", (code: number) => ended(`exit code ${code}`));
    this.thread = thread;
    return thread;
  }

  private received(message: FromThread): void {
    if (message.kind === "closed") return;
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    if (message.kind === "request") pending.run.onRequest(message.span);
    else if (message.kind === "org-error") pending.run.onOrgError(message.orgGuid, message.error);
    else {
      this.pending.delete(message.id);
      if (message.kind === "done") pending.resolve(message.result);
      else pending.reject(new CycleFailure(message.message, message.status));
    }
  }
}

export type CycleThreadDeps = {
  store: () => Promise<AppDatabase>;
  /** A read-only CF client with the token the pages' thread sent. */
  client: (token: string, onRequest: (span: RequestSpan) => void) => CfClient;
  context: () => PolicyContext;
  /** Its database closed, at shutdown. */
  close: () => Promise<void>;
};

/** The cycle thread's end: runs each cycle it is sent, one memo of judgements kept between them. */
export function serveCycles(port: Port, deps: CycleThreadDeps): void {
  const memo = new JudgeMemo();
  const aborts = new Map<number, AbortController>();
  const send = (message: FromThread) => port.postMessage(message);
  port.on("message", (message: ToThread) => {
    if (message.kind === "abort") {
      aborts.get(message.id)?.abort(new Error(message.reason));
      return;
    }
    if (message.kind === "close") {
      for (const abort of aborts.values()) abort.abort(new Error("shutting down"));
      void deps
        .close()
        .catch(() => undefined)
        .finally(() => send({ kind: "closed" }));
      return;
    }
    const { id, run } = message;
    const abort = new AbortController();
    aborts.set(id, abort);
    void (async () => {
      try {
        const result = await runCycle({
          client: deps.client(run.token, (span) => send({ kind: "request", id, span })),
          store: await deps.store(),
          context: deps.context(),
          ...runTiming(run),
          signal: abort.signal,
          memo,
          pacer: pacer({ ...GIVE_WAY, budgetMs: run.pauseBudgetMs }, readBusyness(run.busyness)),
          onOrgError: (orgGuid, error) => send({ kind: "org-error", id, orgGuid, error: messageOf(error) }),
        });
        send({ kind: "done", id, result });
      } catch (error) {
        const status = error instanceof CfApiError ? error.status : null;
        send({ kind: "failed", id, message: messageOf(error), status });
      } finally {
        aborts.delete(id);
      }
    })();
  });
}
