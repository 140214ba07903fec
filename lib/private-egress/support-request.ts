import { endpointTypeLabel } from "./endpoints";
import type { RequestInput } from "./schema";

/**
 * The support request a private-egress form becomes (seed 004: "Your Org
 * Admin should request a dedicated pool of hosts … by creating a support
 * ticket"): a subject and a plain-text body with the org, the requester and
 * every field, and the list of what the platform sends back, so the requester
 * knows what to expect and support knows what to answer.
 */

export type SupportRequest = {
  to: string;
  subject: string;
  body: string;
  /** `mailto:` with the subject and body, per RFC 6068. */
  mailto: string;
};

export type Requester = {
  name: string;
  email: string;
  /** Why they may ask: an OrgManager of the org, or a platform admin who is not one. */
  role: "org-manager" | "platform-admin";
};

/** What the form's action answers on success, besides its message. */
export type PreparedRequest = { request: SupportRequest };

/** What the platform sends back (seed 004, "We will provide you with details for the connection including"). */
export const PLATFORM_REPLIES = [
  "Egress IPs for traffic originating in your dedicated pool",
  "Configuration details for the endpoint encryption, including a pre-shared key (PSK)",
  "The CIDR of the dedicated subnet, so you can set up routing across your endpoint",
  "How to deploy your applications to your isolation segment",
] as const;

export function buildSupportRequest(
  input: RequestInput,
  context: { orgName: string; requester: Requester; supportEmail: string },
): SupportRequest {
  const { orgName, requester, supportEmail } = context;
  const endpoint =
    input.endpointType === "other" ? `Other: ${input.endpointOther}` : endpointTypeLabel(input.endpointType);
  const who = requester.email ? `${requester.name} <${requester.email}>` : requester.name;
  const subject = `Private egress request for org ${orgName}`;
  const lines = [
    "Hello,",
    "",
    `Please set up private egress for the org ${orgName}: a dedicated pool of hosts (an isolation segment) connected to our private network over an IPsec VPN.`,
    "",
    `Org: ${orgName} (guid ${input.orgGuid})`,
    `Requested by: ${who}, ${requester.role === "org-manager" ? "an OrgManager of the org" : "a platform admin"}`,
    `Public IP address of our IPsec endpoint: ${input.endpointIp}`,
    "Private network CIDRs to connect:",
    ...input.privateCidrs.map((cidr) => `  - ${cidr}`),
    `Type of our IPsec endpoint: ${endpoint}`,
    `Approximate number of apps that will use the connection: ${input.appCount}`,
    "",
    "We understand that our endpoint must support IKEv1 with AES128 or better (AES256 where possible), SHA256 and Diffie-Hellman group 14 (MODP 2048) for PFS; that UDP 500 and ESP (IP protocol 50) must be open in both directions, and UDP 4500 too if our endpoint is behind NAT; and that we initiate the connection and monitor its health from our side.",
    "",
    "Please send us:",
    "  - The egress IPs for traffic originating in our dedicated pool",
    "  - The configuration details for the endpoint encryption, including the pre-shared key (PSK)",
    "  - The CIDR of the dedicated subnet, so we can set up routing across our endpoint",
    "  - How to deploy our applications to our isolation segment",
    "",
    "Thank you,",
    requester.name,
  ];
  const body = lines.join("\n");
  return { to: supportEmail, subject, body, mailto: mailtoHref(supportEmail, subject, body) };
}

/**
 * A `mailto:` URL. RFC 6068 wants line breaks in a body as `%0D%0A`, and
 * every other reserved character percent-encoded (encodeURIComponent does
 * that, spaces as %20 rather than `+`, which mail clients would show).
 */
export function mailtoHref(to: string, subject: string, body: string): string {
  const crlf = body.replace(/\r?\n/g, "\r\n");
  return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(crlf)}`;
}
