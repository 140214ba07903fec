import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { attempt } from "@/lib/loaders/attempt";
import { loadSecurityGroups } from "@/lib/loaders/security-groups";
import { decideGroupEdit } from "@/lib/permissions";
import { filterByName } from "@/lib/view-models/security-groups";
import { GroupsTable } from "./groups-table";
import { NameFilter } from "./name-filter";
import { VisibilityNote } from "./visibility-note";

/** The part of the list page that waits for CF, streamed in behind the page's heading. */
export async function GroupsSection({ query }: { query: string }) {
  const result = await attempt(async ({ client, user }) => ({
    ...(await loadSecurityGroups(client, user)),
    // CF lets platform admins alone create a group (the same decision as an edit's).
    canCreate: decideGroupEdit(user).allowed,
  }));
  if (!result.ok)
    return (
      <ErrorState what="the security groups" message={result.failure.message} reference={result.requestId} />
    );
  const { groups, seesAllBindings, findings, canCreate } = result.value;
  const shown = filterByName(groups, query);
  return (
    <>
      {canCreate && (
        <p>
          <Link href="/security-groups/new" className={buttonClass("secondary")}>
            New security group
          </Link>
        </p>
      )}
      <VisibilityNote seesAllBindings={seesAllBindings} />
      {groups.length === 0 ? (
        <p>Cloud Foundry shows you no security groups.</p>
      ) : (
        <>
          <NameFilter query={query} shown={shown.length} total={groups.length} />
          {shown.length === 0 ? (
            <p>
              No group name contains &ldquo;{query.trim()}&rdquo;.{" "}
              <Link href="/security-groups">Show all groups</Link>
            </p>
          ) : (
            <GroupsTable groups={shown} seesAllBindings={seesAllBindings} findings={findings} />
          )}
        </>
      )}
    </>
  );
}
