import { describe, expect, it } from "vitest";
import { CatalogError, parseCatalog } from "./catalog";
import { defaultCatalog } from "./default-catalog";

function problemsOf(json: unknown): string[] {
  try {
    parseCatalog(json);
  } catch (error) {
    if (error instanceof CatalogError) return error.problems;
    throw error;
  }
  throw new Error("expected parseCatalog to throw");
}

const governed = (endpoints: unknown[]) => ({ id: "db", label: "Database", asg_governed: true, endpoints });
const withDestinations = (...destinations: unknown[]) => ({ name: "Test platform", destinations });

describe("the default catalog", () => {
  it("models cloud.gov's table on the stand-in's network (docs/design.md §3)", () => {
    const summary = defaultCatalog.destinations.map((d) => ({
      id: d.id,
      label: d.label,
      governed: d.asg_governed,
      endpoints: d.endpoints.map((e) => `${e.protocol} ${e.destination} ${e.ports ?? ""}`.trim()),
    }));
    expect(summary).toEqual([
      { id: "public-web", label: "Public web", governed: true, endpoints: ["tcp 93.184.216.0/24 80,443"] },
      {
        id: "s3-user-provided",
        label: "S3 (user-provided)",
        governed: true,
        endpoints: ["tcp 52.216.0.0/15 443"],
      },
      {
        id: "s3-brokered",
        label: "S3 (brokered)",
        governed: true,
        endpoints: ["tcp 10.10.8.0/24 443", "tcp 52.216.0.0/15 443"],
      },
      { id: "rds", label: "RDS", governed: true, endpoints: ["tcp 10.10.0.0/22 5432,3306,1433,1521"] },
      { id: "redis", label: "Redis", governed: true, endpoints: ["tcp 10.10.4.0/24 6379"] },
      {
        id: "elasticsearch",
        label: "Elasticsearch",
        governed: true,
        endpoints: ["tcp 10.10.5.0/24 443,9200"],
      },
      { id: "internal-routes", label: "Internal routes", governed: false, endpoints: [] },
    ]);
    expect(defaultCatalog.name).not.toBe("");
  });
});

describe("parseCatalog", () => {
  it("accepts every endpoint form and keeps the file's order", () => {
    const catalog = parseCatalog(
      withDestinations(
        {
          id: "partner-api",
          label: "Partner API",
          asg_governed: true,
          endpoints: [
            { protocol: "tcp", destination: "198.51.100.10-198.51.100.20,2001:db8::/48", ports: "8443" },
            { protocol: "udp", destination: "198.51.100.0/24", ports: "5000-5100" },
          ],
        },
        {
          id: "ping",
          label: "Ping",
          asg_governed: true,
          endpoints: [{ protocol: "icmp", destination: "192.0.2.1" }],
        },
        {
          id: "echo",
          label: "Echo",
          asg_governed: true,
          endpoints: [{ protocol: "icmp", destination: "192.0.2.1", type: 8, code: 0 }],
        },
        {
          id: "anything",
          label: "Anything",
          asg_governed: true,
          endpoints: [{ protocol: "all", destination: "192.0.2.0/24" }],
        },
        { id: "mesh", label: "Mesh", asg_governed: false },
      ),
    );
    expect(catalog.name).toBe("Test platform");
    expect(catalog.destinations.map((d) => d.id)).toEqual([
      "partner-api",
      "ping",
      "echo",
      "anything",
      "mesh",
    ]);
    expect(catalog.destinations[4]?.endpoints).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ["a value that is not an object", null, 'must be a JSON object with "name" and "destinations"'],
    [
      "a missing name",
      { destinations: [governed([{ protocol: "all", destination: "10.0.0.1" }])] },
      "name: is required",
    ],
    ["an empty name", { name: " ", destinations: [] }, "name: must not be empty"],
    ["no destinations", withDestinations(), "destinations: must list at least one destination"],
    [
      "an unknown top-level key",
      { ...withDestinations(governed([{ protocol: "all", destination: "10.0.0.1" }])), extra: 1 },
      'Unrecognized key: "extra"',
    ],
    [
      "invalid ports, by path",
      withDestinations(
        governed([{ protocol: "all", destination: "10.0.0.1" }]),
        governed([{ protocol: "tcp", destination: "10.0.0.0/8", ports: "0" }]),
      ),
      "destinations[1].endpoints[0].ports: ports must be a valid single port",
    ],
    [
      "missing tcp ports",
      withDestinations(governed([{ protocol: "tcp", destination: "10.0.0.0/8" }])),
      "destinations[0].endpoints[0].ports: ports are required for protocols of type TCP and UDP",
    ],
    [
      "a leading-zero destination",
      withDestinations(governed([{ protocol: "tcp", destination: "10.010.0.0/16", ports: "443" }])),
      "destinations[0].endpoints[0].destination: destination octets cannot contain leading zeros",
    ],
    [
      "an inverted range",
      withDestinations(governed([{ protocol: "tcp", destination: "10.0.0.9-10.0.0.1", ports: "443" }])),
      "destinations[0].endpoints[0].destination: beginning of IP address range is numerically greater",
    ],
    [
      "an endpoint protocol CF has but catalogs do not",
      withDestinations(governed([{ protocol: "icmpv6", destination: "::/0" }])),
      "destinations[0].endpoints[0].protocol: must be one of tcp, udp, icmp, all",
    ],
    [
      "icmp to IPv6",
      withDestinations(governed([{ protocol: "icmp", destination: "2001:db8::1" }])),
      'destinations[0].endpoints[0].destination: for protocol "icmp" you cannot use IPv6 addresses',
    ],
    [
      "ports on all",
      withDestinations(governed([{ protocol: "all", destination: "10.0.0.1", ports: "80" }])),
      "destinations[0].endpoints[0].ports: ports are not allowed for protocols of type all",
    ],
    [
      "a misspelt endpoint key",
      withDestinations(governed([{ protocol: "all", destination: "10.0.0.1", port: "80" }])),
      'destinations[0].endpoints[0]: Unrecognized key: "port"',
    ],
    [
      "a governed destination without endpoints",
      withDestinations(governed([])),
      "destinations[0].endpoints: a destination governed by ASGs needs at least one endpoint",
    ],
    [
      "endpoints on an ungoverned destination",
      withDestinations({
        id: "mesh",
        label: "Mesh",
        asg_governed: false,
        endpoints: [{ protocol: "all", destination: "10.0.0.1" }],
      }),
      "destinations[0].endpoints: endpoints are not evaluated when asg_governed is false",
    ],
    [
      "a missing asg_governed",
      withDestinations({ id: "x", label: "X", endpoints: [] }),
      "destinations[0].asg_governed: is required",
    ],
    [
      "a string asg_governed",
      withDestinations({ id: "x", label: "X", asg_governed: "yes" }),
      "destinations[0].asg_governed: must be true or false",
    ],
    [
      "an id with capitals",
      withDestinations({ ...governed([{ protocol: "all", destination: "10.0.0.1" }]), id: "Public Web" }),
      "destinations[0].id: must be lowercase letters",
    ],
    [
      "an empty label",
      withDestinations({ ...governed([{ protocol: "all", destination: "10.0.0.1" }]), label: "" }),
      "destinations[0].label: must not be empty",
    ],
    [
      "a duplicate id",
      withDestinations(
        governed([{ protocol: "all", destination: "10.0.0.1" }]),
        governed([{ protocol: "all", destination: "10.0.0.2" }]),
      ),
      'destinations[1].id: duplicate id "db"',
    ],
  ])("refuses %s, naming the field", (_, json, message) => {
    const problems = problemsOf(json);
    expect(
      problems.some((p) => p.includes(message)),
      `${problems.join("\n")}\ndoes not mention: ${message}`,
    ).toBe(true);
  });

  it("lists every problem in one error message", () => {
    const json = withDestinations(governed([{ protocol: "tcp", destination: "10.0.0.0/33", ports: "443" }]), {
      id: "x",
      label: "",
      asg_governed: true,
      endpoints: [{ protocol: "udp", destination: "10.0.0.1", ports: "70000" }],
    });
    expect(() => parseCatalog(json)).toThrow(
      [
        "Invalid egress catalog:",
        "  - destinations[0].endpoints[0].destination: destination must be a valid CIDR, IP address, or IP address range",
        "  - destinations[1].label: must not be empty",
        "  - destinations[1].endpoints[0].ports: ports must be a valid single port, comma separated list of ports, or range of ports, formatted as a string",
      ].join("\n"),
    );
  });
});
