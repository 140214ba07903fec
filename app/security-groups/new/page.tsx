import type { Metadata } from "next";
import { GroupCreateForm } from "@/components/egress/group-create/group-create-form";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { ErrorState } from "@/components/ui/error-state";
import { attempt } from "@/lib/loaders/attempt";
import { decideGroupEdit } from "@/lib/permissions";
import { applyGroupCreate, previewGroupCreate } from "./actions";

export const metadata: Metadata = { title: "New security group" };

/**
 * A new security group (docs/design.md §13), for platform admins: CF lets no one else create one.
 * Anyone else reaching this address is told so, with the same sentence the actions refuse with;
 * the page reads nothing from CF until the admin asks for a preview.
 */
export default async function NewSecurityGroupPage() {
  const result = await attempt(({ user }) => Promise.resolve(decideGroupEdit(user)));
  const crumbs = [{ href: "/security-groups", label: "Security groups" }, { label: "New security group" }];
  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-8">
      <Breadcrumbs items={crumbs} />
      <div>
        <h1 className="text-3xl">New security group</h1>
        <p className="mt-2 max-w-3xl text-base-darker">
          A new group is bound to no space: it applies to apps only where it is platform-wide, or once a space
          manager or admin binds it. Preview first: it lists every space whose reach of a catalog destination
          would open.
        </p>
      </div>
      {!result.ok ? (
        <ErrorState what="this page" message={result.failure.message} reference={result.requestId} />
      ) : result.value.allowed ? (
        <section aria-labelledby="new-group" className="space-y-3">
          <h2 id="new-group" className="text-2xl">
            The group
          </h2>
          <GroupCreateForm preview={previewGroupCreate} apply={applyGroupCreate} />
        </section>
      ) : (
        <p role="status">{result.value.refusal.message}</p>
      )}
    </div>
  );
}
