import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { PolicyEditor } from "@/components/egress/policy/policy-editor";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { ErrorState } from "@/components/ui/error-state";
import { publicOrigin } from "@/lib/auth/origin";
import { isGuid } from "@/lib/cf/ids";
import { policyContext } from "@/lib/changes/policy";
import { MESSAGES } from "@/lib/failures";
import { attempt } from "@/lib/loaders/attempt";
import { loadOrgMatrix } from "@/lib/loaders/org";
import { validatePolicy } from "@/lib/policy";
import { policyInWords, policyIsActive, policyText, requirementOptions } from "@/lib/view-models/org-policy";
import { bringIntoPolicy } from "../actions";
import { savePolicyForm } from "./actions";
import { PolicyAsCode } from "./_components/policy-as-code";
import { PolicyRules } from "./_components/policy-rules";
import { Violations } from "./_components/violations";

type Params = Promise<{ orgGuid: string }>;

export const metadata: Metadata = { title: "Egress policy" };

/**
 * The org's desired egress posture (docs/design.md §10): its rules in words, the
 * spaces that violate them and why, "Bring into policy", and for org
 * managers and admins an editor. Everyone who can see the org reads it; the
 * org layout answers 404 to anyone CF does not show it.
 */
export default async function PolicyPage({ params }: { params: Params }) {
  const { orgGuid } = await params;
  if (!isGuid(orgGuid)) notFound();
  const loaded = await attempt(({ client, user }) => loadOrgMatrix(client, user, orgGuid));
  if (!loaded.ok) {
    return (
      <div className="mx-auto max-w-7xl space-y-6 px-4 py-8">
        <Breadcrumbs items={[{ label: "Egress policy" }]} />
        <h1 className="text-3xl">Egress policy</h1>
        <ErrorState
          what="this organization's policy"
          message={loaded.failure.message}
          reference={loaded.requestId}
        />
      </div>
    );
  }
  const matrix = loaded.value;
  if (!matrix) notFound();
  const context = policyContext();
  const { policy } = matrix.policy;
  const active = policyIsActive(policy);
  const canEdit = matrix.canManageOrg;
  // What is questionable in the stored policy against the spaces of today (an org manager sees them all).
  const checked = canEdit
    ? validatePolicy(matrix.policy.document, { ...context, spaceNames: matrix.spaces.map((s) => s.name) })
    : null;

  return (
    <div className="mx-auto max-w-7xl space-y-8 px-4 py-8">
      <Breadcrumbs
        items={[{ href: `/orgs/${orgGuid}`, label: matrix.org.name }, { label: "Egress policy" }]}
      />
      <div className="space-y-2">
        <h1 className="text-3xl">Egress policy of {matrix.org.name}</h1>
        <p className="max-w-3xl text-base-dark">
          The egress each space of this org should have: an ordered list of rules over space names. For each
          space, the first rule whose pattern matches its name decides; spaces no rule matches follow the
          default, if there is one. Only running egress is judged: apps stage with the platform&rsquo;s
          staging groups.
        </p>
      </div>

      {matrix.policy.problem && (
        <Alert tone="warning" heading="This policy is not in force">
          {matrix.policy.problem}
        </Alert>
      )}

      <PolicyRules
        orgGuid={orgGuid}
        words={policyInWords(policy, context)}
        state={matrix.policy}
        active={active}
      />

      {active && (
        <Violations
          orgGuid={orgGuid}
          spaces={matrix.spaces}
          seesAllSpaces={matrix.seesAllSpaces}
          action={bringIntoPolicy}
        />
      )}

      <section aria-labelledby="edit-heading" className="space-y-3">
        <h2 id="edit-heading" className="text-2xl">
          Edit the policy
        </h2>
        {canEdit ? (
          <PolicyEditor
            action={savePolicyForm}
            orgGuid={orgGuid}
            revision={matrix.policy.revision}
            text={policyText(matrix.policy.document)}
            warnings={checked?.ok ? checked.warnings : []}
            options={requirementOptions(context)}
          />
        ) : (
          <p className="max-w-3xl">{MESSAGES.notAuthorizedPolicy}</p>
        )}
      </section>

      <PolicyAsCode
        orgGuid={orgGuid}
        origin={await publicOrigin(await headers())}
        revision={matrix.policy.revision}
      />
    </div>
  );
}
