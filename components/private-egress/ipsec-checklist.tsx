import { SquareCheck } from "lucide-react";
import { COMPATIBLE_DEVICES } from "@/lib/private-egress/endpoints";

/** Seed 004's IPsec requirements, one checkable line each, in the seed's words where it has them. */
const REQUIREMENTS: { what: string; detail?: string; when?: string }[] = [
  { what: "IKEv1 key exchange" },
  {
    what: "AES128 encryption at least",
    detail: "AES256 is preferred: opt for it whenever your endpoint supports it.",
  },
  { what: "SHA256 hashing" },
  {
    what: "Diffie-Hellman group 14 (MODP 2048) for Perfect Forward Secrecy",
  },
  {
    what: "UDP port 500 open, in and out",
    detail: "On any firewall between the internet and your endpoint: ingress and egress, for IKE.",
  },
  {
    what: "ESP (IP protocol 50) open, in and out",
    detail: "On the same firewall: ingress and egress, for the encrypted traffic.",
  },
  {
    what: "UDP port 4500 open, in and out",
    detail: "For NAT traversal.",
    when: "Only when your endpoint is behind NAT.",
  },
  {
    what: "An internet-routable IP address for your endpoint",
    detail:
      "The platform's VPN endpoint connects to it over the internet; it is the address you give in the form.",
  },
  {
    what: "You start the connection and monitor the tunnel",
    detail:
      "The connection is initiated and maintained from your network. If it closes, your apps cannot reach your private network until you re-establish it.",
  },
];

export function IpsecChecklist() {
  return (
    <div className="space-y-6">
      <ul className="space-y-3" aria-label="IPsec requirements">
        {REQUIREMENTS.map((r) => (
          <li key={r.what} className="flex gap-3">
            <SquareCheck aria-hidden="true" className="mt-0.5 size-6 shrink-0 text-primary" />
            <div>
              <p className="font-bold">{r.what}</p>
              {(r.when ?? r.detail) && (
                <p className="text-base-darker">
                  {r.when && <strong className="font-semibold">{r.when} </strong>}
                  {r.detail}
                </p>
              )}
            </div>
          </li>
        ))}
      </ul>
      <div>
        <h3 className="text-lg">Compatible endpoints</h3>
        <p className="mt-1 max-w-3xl">
          Your endpoint can be software or a hardware device. These are supported, in addition to open-source
          IPsec endpoints such as strongSwan and Openswan:
        </p>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          {COMPATIBLE_DEVICES.map((device) => (
            <li key={device.id}>{device.label}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
