"use client";

import { usePathname, useRouter } from "next/navigation";
import useSWR from "swr";
import type { ErrorBody } from "@/lib/failures/http";
import { MESSAGES } from "@/lib/failures/messages";
import { useMemo } from "react";
import { unpackRow, type MatrixRowsJson } from "@/lib/view-models/matrix-rows";

/**
 * The matrix's rows: server-rendered first, then kept fresh from the page's
 * rows route at most once a minute and never while the tab is hidden (CF
 * rate-limits per user, docs/design.md §8). A change revalidates at once.
 */

const REFRESH_MS = 60_000;

class SignInNeeded extends Error {}

async function fetchRows(url: string): Promise<MatrixRowsJson> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  } catch {
    throw new Error(MESSAGES.serverUnreachable);
  }
  if (response.status === 401) throw new SignInNeeded();
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as Partial<ErrorBody>;
    throw new Error(body.error?.message ?? `The refresh failed (${response.status}).`);
  }
  return (await response.json()) as MatrixRowsJson;
}

export function useMatrixRows(orgGuid: string, initial: MatrixRowsJson, profileIds: readonly string[]) {
  const router = useRouter();
  const pathname = usePathname();
  const swr = useSWR<MatrixRowsJson, Error>(`/api/orgs/${orgGuid}/matrix`, fetchRows, {
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
