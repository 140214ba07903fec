import Link from "next/link";
import { FindingsList } from "@/components/egress/group-findings";
import { RulesTable } from "@/components/egress/rules-table";
import { ChangeButton } from "@/components/egress/space/space-changes";
import { LIFECYCLES } from "@/lib/egress";
import type { Finding } from "@/lib/egress/lint";
import type { AppliedGroup, SpaceDetail } from "@/lib/loaders/space";

function stateWords(state: AppliedGroup["running"]): string | null {
  switch (state) {
    case "bound":
      return "bound to this space";
    case "global":
      return "platform-wide";
    case "bound-and-global":
      return "bound to this space and platform-wide";
    case null:
      return null;
  }
}

/** A group that applies to one lifecycle only says so beside its name: "staging only", "running only". */
function onlyWords(applied: AppliedGroup): string | null {
  if (applied.running === null && applied.staging !== null) return "staging only";
  if (applied.staging === null && applied.running !== null) return "running only";
  return null;
}

/** Every group that applies, with its rules; a manager can unbind any group bound to the space. */
export function GroupsSection({ detail }: { detail: SpaceDetail }) {
  return (
    <section aria-labelledby="groups-heading" className="space-y-4">
      <h2 id="groups-heading" className="text-2xl">
        Security groups that apply
      </h2>
      {detail.applied.map((applied) => {
        const { group } = applied;
        const only = onlyWords(applied);
        return (
          <article key={group.guid} className="space-y-3 rounded border border-base-lighter p-4">
            <h3 className="text-xl wrap-anywhere">
              <Link href={`/security-groups/${group.guid}`} prefetch={false}>
                {group.name}
              </Link>
              {only && <span className="font-normal text-base text-base-dark"> ({only})</span>}
            </h3>
            <ul className="text-sm">
              {LIFECYCLES.map((lifecycle) => {
                const words = stateWords(applied[lifecycle]);
                return words ? (
                  <li key={lifecycle}>
                    {lifecycle === "running" ? "Running" : "Staging"}: {words}
                  </li>
                ) : null;
              })}
            </ul>
            <GroupFindingsNote name={group.name} findings={detail.findings[group.guid]} />
            <RulesTable rules={group.rules} caption={`Rules of ${group.name}`} />
            {detail.change.allowed && (
              <div className="flex flex-wrap gap-3">
                {LIFECYCLES.map((lifecycle) =>
                  applied[lifecycle] === "bound" || applied[lifecycle] === "bound-and-global" ? (
                    <ChangeButton
                      key={lifecycle}
                      change={{
                        kind: "group",
                        groupGuid: group.guid,
                        groupName: group.name,
                        lifecycle,
                        action: "unbind",
                      }}
                    >
                      Unbind for {lifecycle}
                    </ChangeButton>
                  ) : null,
                )}
              </div>
            )}
          </article>
        );
      })}
    </section>
  );
}

/** Group lint for a group that applies here (docs/design.md §13); nothing when it has no findings. */
function GroupFindingsNote({ name, findings }: { name: string; findings: readonly Finding[] | undefined }) {
  if (!findings || findings.length === 0) return null;
  return (
    <div className="space-y-2">
      <h4 className="font-bold">
        Findings for {name} ({findings.length})
      </h4>
      <FindingsList findings={findings} label={`Findings for ${name}`} />
    </div>
  );
}
