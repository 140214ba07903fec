import "server-only";
import type { Profile } from "@/lib/egress";
import { loadPlatform } from "./load-catalog";

/**
 * The egress profiles this dashboard offers: the platform file's (cloud.gov's
 * two in the built-in one, docs/design.md §4).
 */
export function profiles(): readonly Profile[] {
  return loadPlatform().profiles;
}
