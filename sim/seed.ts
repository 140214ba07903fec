/**
 * The seeded world of docs/design.md §3, declared once. Demos, tests and docs rely
 * on these names, guids and bindings: change them only with the design.
 *
 * Guids are invented but fixed, so a link copied from the demo keeps working
 * after `POST /__sim/reset` and across restarts.
 */

export type SeedUser = {
  guid: string;
  username: string;
  password: string;
  email: string;
  givenName: string;
  familyName: string;
  /** UAA group memberships; a token carries their intersection with the client's scopes. */
  groups: string[];
};

export type RoleType =
  | "organization_user"
  | "organization_auditor"
  | "organization_manager"
  | "organization_billing_manager"
  | "space_auditor"
  | "space_developer"
  | "space_manager"
  | "space_supporter";

export type SeedRole = { user: string; type: RoleType; org?: string; space?: string };

export type SeedRule = {
  protocol: string;
  destination: string;
  ports?: string;
  type?: number;
  code?: number;
  description?: string;
  log?: boolean;
};

export type SeedSecurityGroup = {
  guid: string;
  name: string;
  globallyEnabled: { running: boolean; staging: boolean };
  rules: SeedRule[];
  runningSpaces: string[];
  stagingSpaces: string[];
};

export type SeedWorld = {
  users: SeedUser[];
  orgs: { guid: string; name: string; suspended: boolean; defaultIsolationSegment?: string }[];
  spaces: { guid: string; name: string; org: string; isolationSegment?: string }[];
  roles: SeedRole[];
  securityGroups: SeedSecurityGroup[];
  isolationSegments: { guid: string; name: string; orgs: string[] }[];
};

export const DEMO_PASSWORD = "demo-password";

const userScopes = ["openid", "cloud_controller.read", "cloud_controller.write"];

function user(
  guid: string,
  username: string,
  givenName: string,
  familyName: string,
  extraGroups: string[] = [],
) {
  return {
    guid,
    username,
    password: DEMO_PASSWORD,
    email: `${username}@example.gov`,
    givenName,
    familyName,
    groups: [...userScopes, ...extraGroups],
  } satisfies SeedUser;
}

export const ids = {
  users: {
    admin: "6444df9d-804e-4346-8f88-dfc1c62c5a48",
    olivia: "555fd970-db7f-428d-b529-9a1db43f25cd",
    sam: "4d3c04b2-8e15-40c3-8310-eae7894290e9",
    devon: "17cf730a-92be-4789-bdf8-19ddb8511b38",
    audrey: "0a7279a5-1a3d-4c2e-94b0-a982b0bc23df",
    bruno: "288df8a3-ad9f-4325-8f5e-165cad0c6730",
    sasha: "33bd4bc3-c6e2-489f-9691-94475d3301b7",
    gale: "9e0f6c8a-3b1d-4f7e-a2c5-6d8b1e4f0a37",
  },
  orgs: {
    alpha: "8b47f982-f3e9-4e76-83ed-3e84b9f77d08",
    beta: "49b5cf07-d11d-4e63-ad81-126d8ccaa125",
    gamma: "50a5ae79-ac6d-4f2a-aef3-50b983a8835d",
  },
  spaces: {
    alphaDev: "6953f068-8cff-4098-a821-0211f6ec87ad",
    alphaStaging: "56d80952-0f72-4f97-832c-c19e8de81513",
    alphaProd: "a39956af-36b9-4fc4-ba1d-102e519d10d7",
    alphaSandbox: "d97bc14d-acc3-4cc4-8b9a-982d22788025",
    betaDev: "326c4c05-e71b-473f-a35e-1ebbbe5f171b",
    betaProd: "59812c05-7f49-4061-873b-09a49638d417",
    gammaLegacy: "17345a0a-f186-4fac-a8ed-cfece877fb35",
  },
  securityGroups: {
    dns: "e4833556-87a6-4e56-99d1-d03b0852874b",
    public: "c5354baa-d05a-4d74-aa5c-7982ee56ae4a",
    trustedLocal: "c504aee3-64d9-47cf-b82e-027a5d7934de",
  },
  isolationSegments: {
    /** Every Cloud Foundry has this one, with this guid. */
    shared: "933b4c58-120b-499a-b85d-4b6fc9e2903b",
    alphaDedicated: "f014f07e-1641-4a64-9bfe-7ea7d5d2c765",
  },
} as const;

const { users: u, orgs: o, spaces: s, securityGroups: g, isolationSegments: iso } = ids;

/** Public IPv4 space minus the RFC 1918 ranges and link-local, as on cloud.gov. */
const publicRanges = [
  "0.0.0.0-9.255.255.255",
  "11.0.0.0-169.253.255.255",
  "169.255.0.0-172.15.255.255",
  "172.32.0.0-192.167.255.255",
  "192.169.0.0-255.255.255.255",
];

export const seed: SeedWorld = {
  users: [
    user(u.admin, "admin", "Ada", "Admin", ["cloud_controller.admin"]),
    user(u.olivia, "olivia", "Olivia", "Orgmanager"),
    user(u.sam, "sam", "Sam", "Spacemanager"),
    user(u.devon, "devon", "Devon", "Developer"),
    user(u.audrey, "audrey", "Audrey", "Auditor"),
    user(u.bruno, "bruno", "Bruno", "Betamanager"),
    user(u.sasha, "sasha", "Sasha", "Sandboxmanager"),
    // A platform reader with no org or space role: CF shows a global auditor everything, and refuses every write.
    user(u.gale, "gale", "Gale", "Globalauditor", ["cloud_controller.global_auditor"]),
  ],
  orgs: [
    { guid: o.alpha, name: "agency-alpha", suspended: false },
    { guid: o.beta, name: "agency-beta", suspended: false },
    { guid: o.gamma, name: "agency-gamma", suspended: true },
  ],
  spaces: [
    { guid: s.alphaDev, name: "dev", org: o.alpha },
    { guid: s.alphaStaging, name: "staging", org: o.alpha },
    { guid: s.alphaProd, name: "prod", org: o.alpha, isolationSegment: iso.alphaDedicated },
    { guid: s.alphaSandbox, name: "sandbox", org: o.alpha },
    { guid: s.betaDev, name: "dev", org: o.beta },
    { guid: s.betaProd, name: "prod", org: o.beta },
    { guid: s.gammaLegacy, name: "legacy", org: o.gamma },
  ],
  // CF requires an org role before a space role; every member here is also an organization_user.
  roles: [
    { user: u.olivia, type: "organization_user", org: o.alpha },
    { user: u.olivia, type: "organization_manager", org: o.alpha },
    { user: u.sam, type: "organization_user", org: o.alpha },
    { user: u.sam, type: "space_manager", space: s.alphaDev },
    { user: u.sam, type: "space_manager", space: s.alphaProd },
    { user: u.devon, type: "organization_user", org: o.alpha },
    { user: u.devon, type: "space_developer", space: s.alphaDev },
    { user: u.devon, type: "space_developer", space: s.alphaProd },
    { user: u.audrey, type: "organization_user", org: o.alpha },
    { user: u.audrey, type: "organization_auditor", org: o.alpha },
    { user: u.audrey, type: "space_auditor", space: s.alphaProd },
    { user: u.bruno, type: "organization_user", org: o.beta },
    { user: u.bruno, type: "organization_manager", org: o.beta },
    { user: u.sasha, type: "organization_user", org: o.alpha },
    { user: u.sasha, type: "space_manager", space: s.alphaSandbox },
    { user: u.sasha, type: "organization_user", org: o.gamma },
    { user: u.sasha, type: "space_manager", space: s.gammaLegacy },
  ],
  securityGroups: [
    {
      guid: g.dns,
      name: "dns",
      globallyEnabled: { running: true, staging: true },
      rules: [
        { protocol: "udp", destination: "0.0.0.0/0", ports: "53", description: "DNS" },
        { protocol: "tcp", destination: "0.0.0.0/0", ports: "53", description: "DNS over TCP" },
      ],
      runningSpaces: [],
      stagingSpaces: [],
    },
    {
      guid: g.public,
      name: "public_networks_egress",
      // Apps stage with public egress (seed 000): global for staging only.
      globallyEnabled: { running: false, staging: true },
      rules: publicRanges.map((destination) => ({
        protocol: "all",
        destination,
        description: "Public internet",
      })),
      runningSpaces: [s.alphaProd, s.alphaSandbox],
      stagingSpaces: [],
    },
    {
      guid: g.trustedLocal,
      name: "trusted_local_networks_egress",
      globallyEnabled: { running: false, staging: false },
      rules: [
        { protocol: "tcp", destination: "10.10.0.0/22", ports: "5432,3306,1433,1521", description: "RDS" },
        { protocol: "tcp", destination: "10.10.4.0/24", ports: "6379", description: "Redis" },
        { protocol: "tcp", destination: "10.10.5.0/24", ports: "443,9200", description: "Elasticsearch" },
        { protocol: "tcp", destination: "10.10.8.0/24", ports: "443", description: "S3 VPC endpoint" },
      ],
      runningSpaces: [s.alphaStaging, s.alphaProd, s.betaProd],
      stagingSpaces: [],
    },
  ],
  isolationSegments: [
    { guid: iso.shared, name: "shared", orgs: [] },
    { guid: iso.alphaDedicated, name: "alpha-dedicated", orgs: [o.alpha] },
  ],
};
