"use client";

import { Download } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { filterFromSearch, filterSearch } from "@/lib/view-models/matrix-filter";

/**
 * "Download CSV" with the matrix's filters of the moment: the filters write
 * them to the address bar (history.replaceState, which the router's search
 * params follow), and the link reads them from there, so the CSV holds the
 * rows the page shows. Rendered on the server from the same URL, so it is
 * right without JavaScript too.
 */
export function CsvLink({ orgGuid }: { orgGuid: string }) {
  const search = filterSearch(filterFromSearch(new URLSearchParams(useSearchParams().toString())));
  return (
    <a href={`/orgs/${orgGuid}/posture.csv${search}`} download className={buttonClass("secondary")}>
      <Download aria-hidden="true" className="size-4" />
      Download CSV
    </a>
  );
}
