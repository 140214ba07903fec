import type { CfClient } from "@/lib/cf/client";
import type { RequestSpan } from "@/lib/cf/request-depth";
import type { AppDatabase } from "@/lib/db/types";
import type { PolicyContext } from "@/lib/policy";
import { runCycle } from "../cycle";
import { runTiming, type CycleRunner } from "../cycle-runner";
import { JudgeMemo } from "../judge-memo";

/**
 * Cycles in this thread, with one memo of judgements (../judge-memo.ts) kept between them. They only give the
 * event loop back: a pause would hold up the very thread whose pages it would give way to.
 */
export function inProcessCycles(deps: {
  store: () => Promise<AppDatabase>;
  client: (onRequest: (span: RequestSpan) => void) => Promise<CfClient>;
  context: () => PolicyContext;
}): CycleRunner {
  const memo = new JudgeMemo();
  return async (run) =>
    runCycle({
      client: await deps.client(run.onRequest),
      store: await deps.store(),
      context: deps.context(),
      ...runTiming(run),
      signal: run.signal,
      memo,
      onOrgError: (orgGuid, error) => run.onOrgError(orgGuid, String(error)),
    });
}
