/**
 * The IPsec endpoints seed 004 lists as compatible (its list is AWS's tested
 * Site-to-Site VPN devices), in its order and words, then the open-source
 * endpoints it names ("strongSWAN and OpenSwan"), then "other", which asks for
 * the endpoint's name.
 */
export const ENDPOINT_TYPES = [
  { id: "checkpoint", label: "Check Point Security Gateway running R77.10 (or later) software" },
  { id: "cisco-asa", label: "Cisco ASA running Cisco ASA 8.2 (or later) software" },
  { id: "cisco-ios", label: "Cisco IOS running Cisco IOS 12.4 (or later) software" },
  { id: "sonicwall", label: "Dell SonicWALL running SonicOS 5.9 (or later) software" },
  { id: "fortigate", label: "Fortinet Fortigate 40+ Series running FortiOS 4.0 (or later) software" },
  { id: "juniper-j", label: "Juniper J-Series running JunOS 9.5 (or later) software" },
  { id: "juniper-srx", label: "Juniper SRX running JunOS 11.0 (or later) software" },
  { id: "juniper-ssg", label: "Juniper SSG running ScreenOS 6.1, or 6.2 (or later) software" },
  { id: "juniper-isg", label: "Juniper ISG running ScreenOS 6.1, or 6.2 (or later) software" },
  { id: "pfsense", label: "Netgate pfSense running OS 2.2.5 (or later) software" },
  { id: "palo-alto", label: "Palo Alto Networks PANOS 4.1.2 (or later) software" },
  {
    id: "yamaha",
    label: "Yamaha RT107e, RTX1200, RTX1210, RTX1500, RTX3000 and SRT100 routers",
  },
  { id: "windows-2008r2", label: "Microsoft Windows Server 2008 R2 (or later) software" },
  { id: "windows-2012r2", label: "Microsoft Windows Server 2012 R2 (or later) software" },
  {
    id: "zyxel",
    label:
      "Zyxel Zywall Series 4.20 (or later) software for statically routed VPN connections, or 4.30 (or later) software for dynamically routed VPN connections",
  },
  { id: "strongswan", label: "strongSwan (open source)" },
  { id: "openswan", label: "Openswan (open source)" },
  { id: "other", label: "Other (name it below)" },
] as const;

export type EndpointTypeId = (typeof ENDPOINT_TYPES)[number]["id"];

export const ENDPOINT_TYPE_IDS = ENDPOINT_TYPES.map((t) => t.id) as [EndpointTypeId, ...EndpointTypeId[]];

/** The seed's compatible devices (not the open-source ones or "other"), for the page's list. */
export const COMPATIBLE_DEVICES = ENDPOINT_TYPES.slice(0, 15);

export function endpointTypeLabel(id: EndpointTypeId): string {
  return ENDPOINT_TYPES.find((t) => t.id === id)?.label ?? id;
}
