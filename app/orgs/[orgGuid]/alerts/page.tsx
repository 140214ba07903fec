import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { ErrorState } from "@/components/ui/error-state";
import { loadAlertsPage } from "@/lib/alerts/manage";
import { isGuid } from "@/lib/cf/ids";
import { attempt } from "@/lib/loaders/attempt";
import { addAlertDestination, removeAlertDestination, saveAlertKinds, sendAlertTest } from "./actions";
import { AddDestinationForm } from "./_components/add-destination-form";
import { DeliveriesTable } from "./_components/deliveries-table";
import { DestinationsTable } from "./_components/destinations-table";
import { KindsForm } from "./_components/kinds-form";

type Params = Promise<{ orgGuid: string }>;

export const metadata: Metadata = { title: "Alerts" };

/**
 * The org's alerts (docs/design.md §12): which events it is subscribed to,
 * where they go (webhooks, email), "Send a test", and the latest deliveries
 * with their state and last error. Its OrgManagers and admins manage them;
 * everyone else who can see the org reads what it is subscribed to; the org
 * layout answers 404 to anyone CF does not show it.
 */
export default async function AlertsPage({ params }: { params: Params }) {
  const { orgGuid } = await params;
  if (!isGuid(orgGuid)) notFound();
  const loaded = await attempt(({ client, user }) => loadAlertsPage(client, user, orgGuid));
  if (!loaded.ok) {
    return (
      <div className="mx-auto max-w-7xl space-y-6 px-4 py-8">
        <Breadcrumbs items={[{ label: "Alerts" }]} />
        <h1 className="text-3xl">Alerts</h1>
        <ErrorState
          what="this organization's alerts"
          message={loaded.failure.message}
          reference={loaded.requestId}
        />
      </div>
    );
  }
  const page = loaded.value;
  if (!page) notFound();
  const canManage = page.manage.allowed;

  return (
    <div className="mx-auto max-w-7xl space-y-8 px-4 py-8">
      <Breadcrumbs items={[{ href: `/orgs/${orgGuid}`, label: page.org.name }, { label: "Alerts" }]} />
      <div className="space-y-2">
        <h1 className="text-3xl">Alerts of {page.org.name}</h1>
        <p className="max-w-3xl text-base-dark">
          Events in this org sent to a webhook (signed JSON, with a one-line text Slack shows) or by email, as
          they are recorded: drift found by the watcher or a page view, a space beginning or ending a
          violation of the org&rsquo;s policy, public egress opened, and changes made through the dashboard. A
          delivery that fails is tried again, waiting longer each time, and kept until it is delivered or has
          failed.
        </p>
      </div>

      {!page.manage.allowed && <Alert tone="info">{page.manage.refusal.message}</Alert>}

      <section aria-labelledby="kinds-heading" className="space-y-3">
        <h2 id="kinds-heading" className="text-2xl">
          Kinds of event
        </h2>
        <KindsForm action={saveAlertKinds} orgGuid={orgGuid} subscribed={page.kinds} canManage={canManage} />
      </section>

      <section aria-labelledby="destinations-heading" className="space-y-3">
        <h2 id="destinations-heading" className="text-2xl">
          Destinations
        </h2>
        {canManage ? (
          <DestinationsTable
            orgGuid={orgGuid}
            destinations={page.destinations}
            sendTest={sendAlertTest}
            remove={removeAlertDestination}
          />
        ) : (
          <p>
            {page.destinationCount === 0
              ? "No destination yet."
              : `Alerts go to ${page.destinationCount} destination${page.destinationCount === 1 ? "" : "s"}, shown to the org's managers.`}
          </p>
        )}
      </section>

      {canManage && (
        <section aria-labelledby="add-heading" className="space-y-3">
          <h2 id="add-heading" className="text-2xl">
            Add a destination
          </h2>
          <AddDestinationForm
            action={addAlertDestination}
            orgGuid={orgGuid}
            emailUnavailable={page.emailUnavailable}
          />
        </section>
      )}

      {canManage && (
        <section aria-labelledby="deliveries-heading" className="space-y-3">
          <h2 id="deliveries-heading" className="text-2xl">
            Latest deliveries
          </h2>
          <DeliveriesTable deliveries={page.deliveries} />
        </section>
      )}
    </div>
  );
}
