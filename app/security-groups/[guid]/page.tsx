import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GroupEditForm } from "@/components/egress/group-edit/group-edit-form";
import { RulesTable } from "@/components/egress/rules-table";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { ErrorState } from "@/components/ui/error-state";
import { attempt } from "@/lib/loaders/attempt";
import { loadSecurityGroup } from "@/lib/loaders/security-groups";
import { decideGroupEdit } from "@/lib/permissions";
import { BindingsTable } from "../_components/bindings-table";
import { FindingsSection } from "../_components/findings-section";
import { PlatformWide } from "../_components/platform-wide";
import { VisibilityNote } from "../_components/visibility-note";
import { applyGroupEdit, previewGroupEdit } from "./actions";

type Params = Promise<{ guid: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { guid } = await params;
  const page = await attempt(({ client, user }) => loadSecurityGroup(client, user, guid));
  if (!page.ok) return { title: "Security group" };
  return { title: page.value ? `${page.value.group.name} (security group)` : "Security group not found" };
}

/**
 * No loading.tsx here, on purpose: its fallback would start the response
 * stream, which fixes the status at 200 before CF has said whether the group
 * exists, and a hidden group must answer 404. The CF requests (the group, the
 * spaces, and the platform-wide groups its lint compares it with) go out in
 * parallel, so the wait is one round trip.
 */
export default async function SecurityGroupPage({ params }: { params: Params }) {
  const { guid } = await params;
  const result = await attempt(async ({ client, user }) => {
    const page = await loadSecurityGroup(client, user, guid);
    return page && { ...page, canEdit: decideGroupEdit(user).allowed };
  });
  if (!result.ok) {
    return (
      <div className="mx-auto max-w-7xl space-y-6 px-4 py-8">
        <Breadcrumbs
          items={[{ href: "/security-groups", label: "Security groups" }, { label: "Security group" }]}
        />
        <h1 className="text-3xl">Security group</h1>
        <ErrorState
          what="this security group"
          message={result.failure.message}
          reference={result.requestId}
        />
      </div>
    );
  }
  if (!result.value) notFound();
  const { group, seesAllBindings, findings, canEdit } = result.value;

  return (
    <div className="mx-auto max-w-7xl space-y-8 px-4 py-8">
      <Breadcrumbs items={[{ href: "/security-groups", label: "Security groups" }, { label: group.name }]} />
      <div>
        <h1 className="text-3xl wrap-anywhere">{group.name}</h1>
        <p className="mt-2 text-base-darker">
          Application security group. With the cf CLI:{" "}
          <code className="bg-base-lightest px-1 font-mono">cf security-group {group.name}</code>
        </p>
      </div>

      <section aria-labelledby="platform-wide" className="space-y-3">
        <h2 id="platform-wide" className="text-2xl">
          Platform-wide
        </h2>
        <PlatformWide global={group.global} />
      </section>

      <FindingsSection name={group.name} findings={findings} seesAllBindings={seesAllBindings} />

      <section aria-labelledby="rules" className="space-y-3">
        <h2 id="rules" className="text-2xl">
          Rules
        </h2>
        <p className="max-w-3xl text-base-darker">
          Outbound traffic that matches any rule is allowed from the apps this group applies to.
        </p>
        <RulesTable rules={group.rules} caption={`Rules of ${group.name}`} />
      </section>

      {canEdit && (
        <section aria-labelledby="edit-rules" className="space-y-3">
          <h2 id="edit-rules" className="text-2xl">
            Edit rules
          </h2>
          <p className="max-w-3xl text-base-darker">
            As a platform admin you can change this group&apos;s rules and where it applies platform-wide.
            Preview first: it lists every space whose reach of a catalog destination opens or closes.
          </p>
          <GroupEditForm
            groupGuid={group.guid}
            groupName={group.name}
            rules={JSON.stringify(group.rules, null, 2)}
            global={group.global}
            preview={previewGroupEdit}
            apply={applyGroupEdit}
          />
        </section>
      )}

      <section aria-labelledby="bindings" className="space-y-3">
        <h2 id="bindings" className="text-2xl">
          {seesAllBindings ? "Bindings" : "Bindings you can see"}
        </h2>
        <VisibilityNote seesAllBindings={seesAllBindings} />
        <BindingsTable group={group} seesAllBindings={seesAllBindings} />
      </section>
    </div>
  );
}
