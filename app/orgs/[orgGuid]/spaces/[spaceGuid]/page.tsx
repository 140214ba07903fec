import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DestinationStatusBadge } from "@/components/egress/destination-status";
import { EgressMap } from "@/components/egress/egress-map";
import { PostureBadge } from "@/components/egress/posture-badge";
import { RulesTable } from "@/components/egress/rules-table";
import {
  BindGroupForm,
  ChangeButton,
  SpaceChanges,
  SpaceProfileSwitch,
} from "@/components/egress/space-changes";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { CfFailure } from "@/components/ui/cf-failure";
import { isGuid } from "@/lib/cf/ids";
import type { DestinationResult } from "@/lib/egress";
import { attempt } from "@/lib/views/attempt";
import { loadSpaceDetail, type AppliedGroup, type SpaceDetail } from "@/lib/views/load-space";
import { findSpace } from "@/lib/views/lookups";
import { answerReach } from "@/lib/views/reach";
import { switchBlock } from "@/lib/views/switch-blocks";

type Params = Promise<{ orgGuid: string; spaceGuid: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { spaceGuid } = await params;
  if (!isGuid(spaceGuid)) return { title: "Not found" };
  const space = await attempt(() => findSpace(spaceGuid));
  return { title: space.ok && space.value ? `${space.value.name} egress` : "Space" };
}

export default async function SpacePage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { orgGuid, spaceGuid } = await params;
  if (!isGuid(orgGuid) || !isGuid(spaceGuid)) notFound();
  const result = await attempt(() => loadSpaceDetail(orgGuid, spaceGuid));
  if (result.ok && !result.value) notFound();
  if (!result.ok || !result.value) {
    return (
      <div className="mx-auto max-w-7xl space-y-6 px-4 py-8">
        <Breadcrumbs items={[{ href: "/orgs", label: "Organizations" }, { label: "Space" }]} />
        <h1 className="text-3xl">Space egress</h1>
        <CfFailure what="this space's egress" message={result.ok ? "" : result.message} />
      </div>
    );
  }
  const detail = result.value;
  const query = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const reach =
    first(query.host) !== undefined
      ? await answerReach(detail.egress.running.groups, {
          host: first(query.host),
          protocol: first(query.protocol),
          port: first(query.port) || undefined,
        })
      : undefined;

  return (
    <div className="mx-auto max-w-7xl space-y-8 px-4 py-8">
      <Breadcrumbs
        items={[
          { href: "/orgs", label: "Organizations" },
          { href: `/orgs/${orgGuid}`, label: detail.org.name },
          { label: detail.space.name },
        ]}
      />
      <div>
        <h1 className="flex flex-wrap items-center gap-3 text-3xl">
          {detail.space.name} <PostureBadge posture={detail.egress.posture} />
        </h1>
        <p className="mt-1 text-base-dark">A space in {detail.org.name}: what its apps can reach, and why.</p>
      </div>
      {detail.org.suspended && (
        <Alert tone="warning" heading="This org is suspended">
          Cloud Foundry refuses changes to its spaces until an administrator reactivates it.
        </Alert>
      )}

      <SpaceChanges orgGuid={orgGuid} spaceGuid={spaceGuid} spaceName={detail.space.name}>
        <div className="space-y-10">
          <Profiles detail={detail} lifecycle="running" />
          <Destinations detail={detail} />
          <section aria-labelledby="map-heading" className="space-y-3">
            <h2 id="map-heading" className="text-2xl">
              Egress map
            </h2>
            <EgressMap spaceName={detail.space.name} destinations={detail.egress.running.destinations} />
          </section>
          <Reach
            detail={detail}
            reach={reach}
            query={{ host: first(query.host), port: first(query.port), protocol: first(query.protocol) }}
          />
          <Staging detail={detail} />
          <Groups detail={detail} />
          <Advanced detail={detail} />
          <Segment detail={detail} />
        </div>
      </SpaceChanges>
    </div>
  );
}

function blockFor(detail: SpaceDetail, profileId: string, lifecycle: "running" | "staging") {
  const view = detail.egress.profiles.find((p) => p.id === profileId);
  if (!view) return undefined;
  const state = view[lifecycle];
  return switchBlock(
    { ...view, global: state === "global" || state === "bound-and-global" },
    { can_manage: detail.capability.allowed },
    detail.org,
    { isAdmin: detail.isAdmin },
  );
}

function Profiles({ detail, lifecycle }: { detail: SpaceDetail; lifecycle: "running" | "staging" }) {
  return (
    <div className="flex flex-wrap gap-x-10 gap-y-4">
      {detail.egress.profiles.map((p) => (
        <SpaceProfileSwitch
          key={p.id}
          profileId={p.id}
          label={p.label}
          lifecycle={lifecycle}
          checked={p[lifecycle] !== "off"}
          block={blockFor(detail, p.id, lifecycle)}
        />
      ))}
    </div>
  );
}

function Why({ result }: { result: DestinationResult }) {
  if (!result.governed) return <span>{result.note}</span>;
  if (result.provenance.length === 0) return <span>No rule of an applied group allows this traffic.</span>;
  return (
    <ul>
      {result.provenance.map((p) => (
        <li key={`${p.group}-${p.ruleIndex}`}>
          {p.group}, rule {p.ruleIndex + 1}
        </li>
      ))}
    </ul>
  );
}

function DestinationTable({
  detail,
  destinations,
  caption,
  withFixes,
}: {
  detail: SpaceDetail;
  destinations: DestinationResult[];
  caption: string;
  withFixes: boolean;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-base-light">
            <th scope="col" className="px-2 py-2">
              Destination
            </th>
            <th scope="col" className="px-2 py-2">
              Status
            </th>
            <th scope="col" className="px-2 py-2">
              Why
            </th>
            {withFixes && (
              <th scope="col" className="px-2 py-2">
                Fix
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {destinations.map((d) => {
            const fix =
              withFixes && d.status !== "allowed"
                ? detail.fixes.find((f) => f.destinationId === d.id)
                : undefined;
            return (
              <tr key={d.id} className="border-b border-base-lighter align-top">
                <th scope="row" className="px-2 py-2 font-semibold">
                  {d.label}
                </th>
                <td className="px-2 py-2">
                  <DestinationStatusBadge status={d.status} />
                </td>
                <td className="px-2 py-2">
                  <Why result={d} />
                </td>
                {withFixes && (
                  <td className="px-2 py-2">
                    {fix ? (
                      <div className="space-y-1">
                        <p>
                          {d.label} is {d.status}: turn on {fix.profile.label}.
                        </p>
                        {detail.capability.allowed && !(detail.org.suspended && !detail.isAdmin) && (
                          <ChangeButton
                            change={{
                              kind: "profile",
                              profileId: fix.profile.id,
                              label: fix.profile.label,
                              lifecycle: "running",
                              enabled: true,
                            }}
                          >
                            Turn on {fix.profile.label}
                          </ChangeButton>
                        )}
                      </div>
                    ) : d.status !== "allowed" ? (
                      <span className="text-base-dark">
                        No egress profile opens this; ask your platform team.
                      </span>
                    ) : null}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Destinations({ detail }: { detail: SpaceDetail }) {
  return (
    <section aria-labelledby="running-heading" className="space-y-3">
      <h2 id="running-heading" className="text-2xl">
        What running apps can reach
      </h2>
      <DestinationTable
        detail={detail}
        destinations={detail.egress.running.destinations}
        caption={`Destinations of running apps in ${detail.space.name}`}
        withFixes
      />
      <p className="text-sm text-base-dark">Destinations from: {detail.catalogName}.</p>
      {detail.egress.problems.length > 0 && (
        <Alert tone="warning" heading="Some rules could not be read">
          <ul>
            {detail.egress.problems.map((p) => (
              <li key={`${p.group}-${p.ruleIndex}`}>
                {p.group}, rule {p.ruleIndex + 1}: {p.reason}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </section>
  );
}

function Reach({
  detail,
  reach,
  query,
}: {
  detail: SpaceDetail;
  reach: Awaited<ReturnType<typeof answerReach>> | undefined;
  query: { host?: string; port?: string; protocol?: string };
}) {
  return (
    <section aria-labelledby="reach-heading" className="space-y-3">
      <h2 id="reach-heading" className="text-2xl">
        Can my app reach…?
      </h2>
      <form
        method="get"
        action={`/orgs/${detail.org.guid}/spaces/${detail.space.guid}#reach-heading`}
        className="flex flex-wrap items-end gap-3"
      >
        <label className="flex flex-col font-semibold">
          Address or host name
          <input
            name="host"
            defaultValue={query.host ?? ""}
            required
            className="min-h-11 w-72 rounded border border-base-dark px-3 font-normal"
          />
        </label>
        <label className="flex flex-col font-semibold">
          Port
          <input
            name="port"
            inputMode="numeric"
            defaultValue={query.port ?? ""}
            className="min-h-11 w-28 rounded border border-base-dark px-3 font-normal"
          />
        </label>
        <label className="flex flex-col font-semibold">
          Protocol
          <select
            name="protocol"
            defaultValue={query.protocol ?? "tcp"}
            className="min-h-11 rounded border border-base-dark bg-white px-3 font-normal"
          >
            <option value="tcp">TCP</option>
            <option value="udp">UDP</option>
            <option value="icmp">ICMP (ping)</option>
          </select>
        </label>
        <button
          type="submit"
          className="min-h-11 rounded bg-primary px-4 font-bold text-white hover:bg-primary-dark"
        >
          Check
        </button>
      </form>
      {reach && !reach.ok && (
        <p role="alert" className="text-error-dark">
          {reach.message}
        </p>
      )}
      {reach?.ok && (
        <div role="status" className="space-y-2">
          {reach.resolved && (
            <p className="text-sm text-base-dark">
              {reach.host} was resolved from the dashboard&rsquo;s network; your app&rsquo;s DNS inside the
              platform may answer differently.
            </p>
          )}
          <ul className="space-y-1">
            {reach.answers.map((a) => (
              <li key={a.address}>
                <strong>
                  {a.allowed ? "Yes" : "No"}: {a.address}
                  {query.protocol === "icmp" ? " (ping)" : ` ${query.protocol ?? "tcp"} ${query.port ?? ""}`}
                </strong>{" "}
                {a.allowed && a.by
                  ? `is allowed by ${a.by.group}, rule ${a.by.ruleIndex + 1}.`
                  : "is not allowed by any security group that applies to running apps."}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Staging({ detail }: { detail: SpaceDetail }) {
  return (
    <section aria-labelledby="staging-heading" className="space-y-3">
      <h2 id="staging-heading" className="text-2xl">
        While apps stage
      </h2>
      <p>
        Apps stage with the staging security groups, not the running ones: while an app is pushed, its
        dependencies are fetched with the egress below. Once staged, it runs with the running groups above.
      </p>
      <DestinationTable
        detail={detail}
        destinations={detail.egress.staging.destinations}
        caption={`Destinations while apps in ${detail.space.name} stage`}
        withFixes={false}
      />
    </section>
  );
}

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

function Groups({ detail }: { detail: SpaceDetail }) {
  const canChange = detail.capability.allowed && !(detail.org.suspended && !detail.isAdmin);
  return (
    <section aria-labelledby="groups-heading" className="space-y-4">
      <h2 id="groups-heading" className="text-2xl">
        Security groups that apply
      </h2>
      {detail.applied.map(({ group, running, staging }) => (
        <article key={group.guid} className="space-y-3 rounded border border-base-lighter p-4">
          <h3 className="text-xl">
            <Link href={`/security-groups/${group.guid}`} prefetch={false}>
              {group.name}
            </Link>
          </h3>
          <ul className="text-sm">
            {stateWords(running) && <li>Running: {stateWords(running)}</li>}
            {stateWords(staging) && <li>Staging: {stateWords(staging)}</li>}
          </ul>
          <RulesTable rules={group.rules} caption={`Rules of ${group.name}`} />
          {canChange && (
            <div className="flex flex-wrap gap-3">
              {(["running", "staging"] as const).map((lifecycle) => {
                const state = lifecycle === "running" ? running : staging;
                return state === "bound" || state === "bound-and-global" ? (
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
                ) : null;
              })}
            </div>
          )}
        </article>
      ))}
    </section>
  );
}

function Advanced({ detail }: { detail: SpaceDetail }) {
  return (
    <section aria-labelledby="advanced-heading">
      <details className="rounded border border-base-lighter p-4">
        <summary className="min-h-11 cursor-pointer py-2 font-bold">
          <h2 id="advanced-heading" className="inline text-xl">
            Advanced: staging egress and other security groups
          </h2>
        </summary>
        <div className="mt-4 space-y-6">
          <div className="space-y-2">
            <h3 className="text-lg">Profiles while apps stage</h3>
            <Profiles detail={detail} lifecycle="staging" />
          </div>
          {detail.capability.allowed && !(detail.org.suspended && !detail.isAdmin) ? (
            <div className="space-y-2">
              <h3 className="text-lg">Bind another security group</h3>
              <p>Any group you can see can be bound to this space, for running or for staging.</p>
              <BindGroupForm groups={detail.bindable.map((g) => ({ guid: g.guid, name: g.name }))} />
            </div>
          ) : (
            !detail.capability.allowed && <p>{detail.capability.reason}</p>
          )}
        </div>
      </details>
    </section>
  );
}

function Segment({ detail }: { detail: SpaceDetail }) {
  return (
    <section aria-labelledby="segment-heading" className="space-y-2">
      <h2 id="segment-heading" className="text-2xl">
        Isolation segment and private egress
      </h2>
      {detail.segment ? (
        <p>
          Apps in this space run on the isolation segment <strong>{detail.segment.name}</strong>
          {detail.segment.source === "org-default" ? ", the org's default" : ""}: dedicated hosts, which can
          be given access to a private network.
        </p>
      ) : (
        <p>
          Apps in this space run on the platform&rsquo;s shared hosts. A dedicated pool of hosts (an isolation
          segment) can be connected to your private network over IPsec; ask your platform team.
        </p>
      )}
    </section>
  );
}
