import { DEFAULT_PROFILES, type Profile } from "@/lib/egress";

/**
 * The egress profiles this dashboard offers: cloud.gov's two by default
 * (design.md §4). One place, so a platform with other group names changes it here.
 */
export function profiles(): readonly Profile[] {
  return DEFAULT_PROFILES;
}
