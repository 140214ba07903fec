import { describe, expect, it } from "vitest";
import { buildSupportRequest, mailtoHref } from "./support-request";

const input = {
  orgGuid: "6b9d3f4e-5f1c-4a8e-9d0b-2c7a1e3f4b5a",
  endpointIp: "52.1.2.3",
  privateCidrs: ["10.20.0.0/16", "192.168.4.0/24"],
  endpointType: "palo-alto" as const,
  endpointOther: "",
  appCount: 12,
};
const context = {
  orgName: "agency-alpha",
  requester: { name: "olivia", email: "olivia@example.gov", role: "org-manager" as const },
  supportEmail: "support@example.org",
};

describe("buildSupportRequest", () => {
  it("names the org, the requester and every field, and what the platform sends back", () => {
    const request = buildSupportRequest(input, context);
    expect(request.to).toBe("support@example.org");
    expect(request.subject).toBe("Private egress request for org agency-alpha");
    for (const text of [
      "Org: agency-alpha (guid 6b9d3f4e-5f1c-4a8e-9d0b-2c7a1e3f4b5a)",
      "Requested by: olivia <olivia@example.gov>, an OrgManager of the org",
      "Public IP address of our IPsec endpoint: 52.1.2.3",
      "Private network CIDRs to connect:\n  - 10.20.0.0/16\n  - 192.168.4.0/24",
      "Type of our IPsec endpoint: Palo Alto Networks PANOS 4.1.2 (or later) software",
      "Approximate number of apps that will use the connection: 12",
      "The egress IPs for traffic originating in our dedicated pool",
      "including the pre-shared key (PSK)",
      "The CIDR of the dedicated subnet, so we can set up routing across our endpoint",
      "How to deploy our applications to our isolation segment",
    ]) {
      expect(request.body).toContain(text);
    }
  });

  it("writes an “other” endpoint by the name the user gave, and a platform admin as one", () => {
    const request = buildSupportRequest(
      { ...input, endpointType: "other", endpointOther: "Libreswan 4.12" },
      { ...context, requester: { name: "admin", email: "", role: "platform-admin" } },
    );
    expect(request.body).toContain("Type of our IPsec endpoint: Other: Libreswan 4.12");
    expect(request.body).toContain("Requested by: admin, a platform admin");
  });

  it("builds a mailto link with the subject and body encoded, line breaks as CRLF (RFC 6068)", () => {
    const request = buildSupportRequest(input, context);
    const url = new URL(request.mailto);
    expect(url.protocol).toBe("mailto:");
    expect(url.pathname).toBe("support@example.org");
    expect(url.searchParams.get("subject")).toBe(request.subject);
    expect(url.searchParams.get("body")).toBe(request.body.replace(/\n/g, "\r\n"));
    expect(request.mailto).not.toContain("+");
    expect(request.mailto).toContain("%0D%0A");
    expect(mailtoHref("a@b.org", "x & y?", "a=b\n#c")).toBe(
      "mailto:a@b.org?subject=x%20%26%20y%3F&body=a%3Db%0D%0A%23c",
    );
  });
});
