import type { Metadata } from "next";
import Link from "next/link";
import { PlatformNote } from "@/components/egress/platform-note";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Th } from "@/components/ui/table";
import { attempt } from "@/lib/loaders/attempt";
import { POSTURE_LABELS, POSTURES } from "@/lib/view-models/labels";
import { loadOrgSummaries } from "@/lib/loaders/orgs";

export const metadata: Metadata = { title: "Organizations" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OrgsPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).q;
  const query = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  const result = await attempt(({ client, user }) => loadOrgSummaries(client, user));

  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-8">
      <h1 className="text-3xl">Organizations</h1>
      {!result.ok ? (
        <ErrorState what="your organizations" message={result.failure.message} reference={result.requestId} />
      ) : result.value.orgs.length === 0 ? (
        <p>You have no role in any organization, so Cloud Foundry shows you none.</p>
      ) : (
        <>
          <form role="search" method="get" className="flex flex-wrap items-end gap-3">
            <label className="flex flex-col font-semibold">
              Filter organizations by name
              <input
                type="search"
                name="q"
                defaultValue={query}
                className="min-h-11 w-64 rounded border border-base-dark px-3 font-normal"
              />
            </label>
            <Button type="submit">Filter</Button>
          </form>
          <PlatformNote platform={result.value.platform} />
          <OrgTable
            orgs={result.value.orgs.filter((o) => o.name.toLowerCase().includes(query.toLowerCase()))}
          />
          <p className="text-sm text-base-dark">
            Counts cover the spaces Cloud Foundry shows you: every space of the orgs you manage, and elsewhere
            the spaces where you hold a space role.
          </p>
        </>
      )}
    </div>
  );
}

function OrgTable({ orgs }: { orgs: Awaited<ReturnType<typeof loadOrgSummaries>>["orgs"] }) {
  if (orgs.length === 0) return <p>No organization matches the filter.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">Organizations and the egress posture of their spaces</caption>
        <thead>
          <tr className="border-b-2 border-base-light">
            <Th scope="col" className="px-3 py-2">
              Organization
            </Th>
            <Th scope="col" className="px-3 py-2">
              Spaces you can see
            </Th>
            {POSTURES.map((p) => (
              <Th key={p} scope="col" className="px-3 py-2">
                {POSTURE_LABELS[p]}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          {orgs.map((org) => (
            <tr key={org.guid} className="border-b border-base-lighter">
              <Th scope="row" className="px-3 py-2">
                <Link href={`/orgs/${org.guid}`} prefetch={false}>
                  {org.name}
                </Link>
                {org.suspended && <span className="font-normal text-base-dark"> (suspended)</span>}
              </Th>
              <td className="px-3 py-2">{org.spaces}</td>
              {POSTURES.map((p) => (
                <td key={p} className="px-3 py-2">
                  {org.postures[p]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
