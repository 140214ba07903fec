import { Bell, History, Search, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { CsvLink } from "./csv-link";

/** The org's name, what the page is, and where its data goes: the CSV export, the activity and the alerts. */
export function OrgHeading({ orgGuid, orgName }: { orgGuid: string; orgName: string }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-3xl">{orgName}</h1>
        <p className="mt-1 text-base-dark">
          Egress of each space: the profiles that apply, and what its running apps can reach.
        </p>
      </div>
      <div className="flex flex-wrap gap-3">
        <Link href={`/orgs/${orgGuid}/activity`} prefetch={false} className={buttonClass("secondary")}>
          <History aria-hidden="true" className="size-4" />
          Activity
        </Link>
        <Link href={`/orgs/${orgGuid}/policy`} prefetch={false} className={buttonClass("secondary")}>
          <ShieldCheck aria-hidden="true" className="size-4" />
          Policy
        </Link>
        <Link href={`/orgs/${orgGuid}/reach`} prefetch={false} className={buttonClass("secondary")}>
          <Search aria-hidden="true" className="size-4" />
          Who can reach this?
        </Link>
        <Link href={`/orgs/${orgGuid}/alerts`} prefetch={false} className={buttonClass("secondary")}>
          <Bell aria-hidden="true" className="size-4" />
          Alerts
        </Link>
        <CsvLink orgGuid={orgGuid} />
      </div>
    </div>
  );
}
