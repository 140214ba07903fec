import { describe, expect, it } from "vitest";
import { parseReachSearch } from "./reach-query";

const parse = (query: Record<string, string>) => parseReachSearch(new URLSearchParams(query));

describe("parseReachSearch", () => {
  it.each([
    [
      { destination: "10.10.0.12", ports: "5432", protocol: "tcp" },
      { protocol: "tcp", destination: "10.10.0.12", ports: "5432" },
    ],
    [
      { destination: " 10.0.0.0/16 ", ports: "8000-8080", protocol: "udp" },
      { protocol: "udp", destination: "10.0.0.0/16", ports: "8000-8080" },
    ],
    [
      { destination: "10.0.0.1-10.0.0.9", ports: "80,443" },
      { protocol: "tcp", destination: "10.0.0.1-10.0.0.9", ports: "80,443" },
    ],
    [
      { destination: "2001:db8::/32", ports: "443", protocol: "tcp" },
      { protocol: "tcp", destination: "2001:db8::/32", ports: "443" },
    ],
    [
      { destination: "8.8.8.8", protocol: "icmp" },
      { protocol: "icmp", destination: "8.8.8.8" },
    ],
    [
      { destination: "0.0.0.0/0", protocol: "all" },
      { protocol: "all", destination: "0.0.0.0/0" },
    ],
  ])("reads %j as the endpoint %j (tcp when no protocol is given)", (input, endpoint) => {
    const parsed = parse(input);
    expect(parsed.ok && parsed.query.endpoint).toEqual(endpoint);
  });

  it("reads a page's searchParams, taking the first of a repeated parameter", () => {
    const parsed = parseReachSearch({ destination: ["10.0.0.1", "10.0.0.2"], ports: "53", protocol: "udp" });
    expect(parsed.ok && parsed.query).toMatchObject({
      destination: "10.0.0.1",
      ports: "53",
      protocol: "udp",
    });
  });

  it.each([
    [{}, "destination", "destination is required: an address, a CIDR or a range a-b"],
    [
      { destination: "10.0.0.300", ports: "80" },
      "destination",
      "destination must be a valid CIDR, IP address, or IP address range (e.g. 10.0.0.5, 10.0.0.0/16 or 10.0.0.1-10.0.0.9)",
    ],
    [
      { destination: "example.com", ports: "80" },
      "destination",
      "destination must be a valid CIDR, IP address, or IP address range (e.g. 10.0.0.5, 10.0.0.0/16 or 10.0.0.1-10.0.0.9)",
    ],
    [
      { destination: "10.0.0.9-10.0.0.1", ports: "80" },
      "destination",
      "beginning of IP address range is numerically greater than the end of its range (range endpoints are inverted) (e.g. 10.0.0.5, 10.0.0.0/16 or 10.0.0.1-10.0.0.9)",
    ],
    [
      { destination: "10.0.0.1,10.0.0.2", ports: "80" },
      "destination",
      "destination must be one address, CIDR or range a-b, not a list",
    ],
    [
      { destination: "2001:db8::1", protocol: "icmp" },
      "destination",
      "protocol icmp takes an IPv4 destination (ICMPv6 is not searched)",
    ],
    [{ destination: "10.0.0.1" }, "ports", "ports are required for tcp: a port (443) or a range (8000-8080)"],
    [
      { destination: "10.0.0.1", ports: "0" },
      "ports",
      "ports must be a port from 1 to 65535, a range such as 8000-8080, or a list such as 80,443",
    ],
    [
      { destination: "10.0.0.1", ports: "90-80" },
      "ports",
      "ports must be a port from 1 to 65535, a range such as 8000-8080, or a list such as 80,443",
    ],
    [
      { destination: "10.0.0.1", ports: "80", protocol: "all" },
      "ports",
      "ports are not used with protocol all: leave them empty",
    ],
    [
      { destination: "10.0.0.1", ports: "80", protocol: "sctp" },
      "protocol",
      "protocol must be one of tcp, udp, icmp, all",
    ],
    [
      { destination: "1".repeat(101), ports: "80" },
      "destination",
      "destination must be at most 100 characters",
    ],
  ])("refuses %j, saying what is wrong with %s", (input, field, message) => {
    const parsed = parse(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors[field as "destination"]).toEqual([message]);
    expect(parsed.message).toContain(message.replace(/^./, (c) => c.toUpperCase()));
  });

  it("names every wrong field in one message", () => {
    const parsed = parse({ destination: "nowhere", protocol: "udp" });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(Object.keys(parsed.fieldErrors).sort()).toEqual(["destination", "ports"]);
      expect(parsed.message).toMatch(/^Destination must be a valid .*\. Ports are required for udp: .*\.$/);
    }
  });
});
