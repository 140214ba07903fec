"use client";

import { usePathname, useRouter } from "next/navigation";
import useSWR from "swr";
import { useMemo } from "react";
import { unpackRow, type MatrixRowsJson } from "@/lib/view-models/matrix-rows";

/**
 * The matrix's rows: server-rendered first, then kept fresh from the page's
 * rows route at most once a minute and never while the tab is hidden (CF
 * rate-limits per user, docs/design.md §8). A change revalidates at once.
 */

const REFRESH_MS = 60_000;

class SignInNeeded extends Error {}

/**
 * SWR's fetcher: the rows, checked, or an error whose message is the
 * failure's sentence. The check (and zod) loads with the first refresh.
 */
async function readRows(url: string): Promise<MatrixRowsJson> {
  const { fetchRows } = await import("./fetch-rows");
  const result = await fetchRows(url);
  if (result.ok) return result.value;
  if (result.failure.kind === "sign-in") throw new SignInNeeded();
  throw new Error(result.failure.message);
}

export function useMatrixRows(orgGuid: string, initial: MatrixRowsJson, profileIds: readonly string[]) {
  const router = useRouter();
  const pathname = usePathname();
  const swr = useSWR<MatrixRowsJson, Error>(`/api/orgs/${orgGuid}/matrix`, readRows, {
    fallbackData: initial,
    revalidateOnMount: false,
    refreshInterval: REFRESH_MS,
    refreshWhenHidden: false,
    focusThrottleInterval: REFRESH_MS,
    dedupingInterval: 2_000,
    // An expired session: sign in again and come back (the sign-in route redirects to the UAA).
    onError: (e) => {
      if (e instanceof SignInNeeded) router.push(`/signin?callbackUrl=${encodeURIComponent(pathname)}`);
    },
  });
  // fallbackData guarantees data; SWR's types do not know it.
  const data = swr.data ?? initial;
  const rows = useMemo(() => data.rows.map((row) => unpackRow(row, { profileIds })), [data, profileIds]);
  return {
    rows,
    historyAvailable: data.historyAvailable,
    error: swr.error && !(swr.error instanceof SignInNeeded) ? swr.error : undefined,
    revalidate: () => swr.mutate(),
  };
}
