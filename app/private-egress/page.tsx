import type { Metadata } from "next";
import { IpsecChecklist } from "@/components/private-egress/ipsec-checklist";
import { NetworkDiagram } from "@/components/private-egress/network-diagram";
import { RequestForm, type OrgOption } from "@/components/private-egress/request-form";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { ErrorState } from "@/components/ui/error-state";
import { requireSession, type SignedInUser } from "@/lib/auth/session";
import { loadCatalog } from "@/lib/egress/load-catalog";
import { env } from "@/lib/env";
import { platformNetworksOf } from "@/lib/private-egress/platform-networks";
import { attempt } from "@/lib/loaders/attempt";
import { loadRequestOrgs } from "@/lib/loaders/private-egress";
import { requestPrivateEgress } from "./actions";

export const metadata: Metadata = { title: "Private egress" };

/** Why the form is read-only for this user, or null when they may send it. */
function readOnlyReason(orgs: OrgOption[]): string | null {
  if (orgs.length === 0) {
    return "Cloud Foundry shows you no org, so there is none to request private egress for. Only an OrgManager of an org (or a platform admin) can request it.";
  }
  if (orgs.some((o) => o.manageable)) return null;
  const names = orgs.map((o) => o.name).join(", ");
  return `Only an OrgManager of the org (or a platform admin) can request private egress, and you are not an OrgManager of ${orgs.length === 1 ? "" : "any of "}${names}. Ask one of its OrgManagers to send the request.`;
}

export default async function PrivateEgressPage() {
  const { privateEgressEnabled, supportEmail } = env();
  const session = await requireSession();

  return (
    <div className="mx-auto max-w-7xl space-y-10 px-4 py-8">
      <div className="space-y-4">
        <Breadcrumbs items={[{ label: "Private egress" }]} />
        <h1 className="text-3xl">Private egress: connect your apps to your private network</h1>
        <div className="max-w-3xl space-y-3 text-lg">
          <p>
            By default, your apps run on hosts shared by every customer of the platform. Containers keep apps
            apart, but the hosts share one network segment: opening your private network to them would open it
            to other customers&rsquo; apps too.
          </p>
          <p>
            With private egress, the platform sets up a dedicated pool of hosts for your org (an isolation
            segment) in a network segment of its own, and connects it to your network with an IPsec VPN. Other
            customers&rsquo; apps never run on those hosts. Your apps there stay reachable from the internet
            and can still use the platform&rsquo;s services.
          </p>
        </div>
        {privateEgressEnabled ? (
          <p>
            <a href="#request-heading" className="font-semibold">
              Go to the request form
            </a>
          </p>
        ) : (
          <Unavailable supportEmail={supportEmail} />
        )}
      </div>

      <section aria-labelledby="how-heading" className="space-y-4">
        <h2 id="how-heading" className="text-2xl">
          How it works
        </h2>
        <p className="max-w-3xl">
          The platform establishes a dedicated pool of hosts, sized for the workload you expect to run there,
          in a dedicated network segment. Support then works with you to set up a VPN between that segment and
          your network, using the industry-standard IPsec protocol.
        </p>
        <NetworkDiagram />
      </section>

      <section aria-labelledby="responsibility-heading" className="space-y-3">
        <h2 id="responsibility-heading" className="text-2xl">
          What you are responsible for
        </h2>
        <ul className="max-w-3xl list-disc space-y-2 pl-6">
          <li>
            Your VPN endpoint, software or hardware, with an internet-routable IP address, and the firewall
            openings it needs (see the requirements below).
          </li>
          <li>
            Starting the connection and keeping it up: it is initiated and maintained from your network.
          </li>
          <li>
            Monitoring the tunnel&rsquo;s health from your side. If the connection closes, your apps cannot
            reach your private network until you re-establish it.
          </li>
          <li>
            Routing: the platform sends you the CIDR of the dedicated subnet, so you can route it across your
            endpoint.
          </li>
          <li>Your data-loss-prevention solution and your private network, behind your endpoint.</li>
        </ul>
      </section>

      <section aria-labelledby="requirements-heading" className="space-y-4">
        <h2 id="requirements-heading" className="text-2xl">
          IPsec requirements
        </h2>
        <p className="max-w-3xl">
          Check your endpoint against each of these before you ask for private egress.
        </p>
        <IpsecChecklist />
      </section>

      <section aria-labelledby="request-heading" className="space-y-4">
        <h2 id="request-heading" className="text-2xl">
          Request private egress
        </h2>
        {privateEgressEnabled ? (
          <RequestSection user={session.user} supportEmail={supportEmail} />
        ) : (
          <p className="max-w-3xl">
            Private egress is not available on this platform, so there is no request form. Contact support at{" "}
            <a href={`mailto:${supportEmail}`}>{supportEmail}</a>.
          </p>
        )}
      </section>
    </div>
  );
}

async function RequestSection({ user, supportEmail }: { user: SignedInUser; supportEmail: string }) {
  const result = await attempt(({ client }) => loadRequestOrgs(client, user));
  if (!result.ok)
    return <ErrorState what="your orgs" message={result.failure.message} reference={result.requestId} />;
  const orgs: OrgOption[] = result.value;
  return (
    <div className="space-y-6">
      <p className="max-w-3xl">
        An OrgManager of the org asks for private egress with a support request. Fill in the form: the
        dashboard checks it and prepares the request, with everything support needs, for you to send to{" "}
        <a href={`mailto:${supportEmail}`}>{supportEmail}</a>. It sends nothing itself.
      </p>
      <RequestForm
        action={requestPrivateEgress}
        orgs={orgs}
        readOnlyReason={readOnlyReason(orgs)}
        platformNetworks={platformNetworksOf(loadCatalog())}
        supportEmail={supportEmail}
      />
    </div>
  );
}

function Unavailable({ supportEmail }: { supportEmail: string }) {
  return (
    <Alert tone="warning" heading="Private egress is not available on this platform">
      <p>
        This platform does not offer dedicated hosts connected to private networks, so there is no request to
        fill in. To talk about connecting your apps to your network, contact support at{" "}
        <a href={`mailto:${supportEmail}`}>{supportEmail}</a>.
      </p>
    </Alert>
  );
}
