import type { Metadata } from "next";
import Link from "next/link";
import { listOrganizations } from "@/lib/cf/orgs";
import { getCfClient } from "@/lib/cf/session-client";

export const metadata: Metadata = { title: "Organizations" };

export default async function OrgsPage() {
  const { client } = await getCfClient();
  const orgs = await listOrganizations(client);
  return (
    <div className="mx-auto max-w-7xl px-4 py-8">
      <h1 className="text-3xl">Organizations</h1>
      {orgs.length === 0 ? (
        <p className="mt-4">You have no role in any organization.</p>
      ) : (
        <ul className="mt-4 space-y-2">
          {orgs.map((org) => (
            <li key={org.guid}>
              <Link href={`/orgs/${org.guid}`}>{org.name}</Link>
              {org.suspended && <span className="text-base-dark"> (suspended)</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
