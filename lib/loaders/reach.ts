import "server-only";
import type { SignedInUser } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { loadPlatform } from "@/lib/egress/load-catalog";
import { answerReach } from "@/lib/egress/reach-host";
import { env } from "@/lib/env";
import { reachView, type ReachView } from "@/lib/view-models/reach";
import { readSpaceDetail, type SpaceDetail } from "./space";

/**
 * "Can my app reach …?" for one space: the page answers it from the space
 * detail it has read, the reach route (which answers in place) from the same
 * reads without the history. A refused address comes with the profile that
 * would open it: each profile the space lacks, with its group where the user
 * can see it (lib/egress/reach.ts reachFix).
 */
export async function answerSpaceReach(detail: SpaceDetail, question: unknown): Promise<ReachView> {
  const { profiles, catalog } = loadPlatform();
  const candidates = profiles.flatMap((profile) => {
    const view = detail.egress.profiles.find((p) => p.id === profile.id);
    if (!view || view.running !== "off") return [];
    return [{ profile, group: detail.bindable.find((g) => g.guid === view.groupGuid) ?? null }];
  });
  const result = await answerReach(
    { running: detail.egress.running.groups, candidates, catalog, dnsServer: env().dnsServer },
    question,
  );
  return reachView(result, detail.change);
}

/** The space's egress as the reach route needs it (no history, no drift check); null when CF hides it. */
export async function loadSpaceForReach(
  client: CfClient,
  user: SignedInUser,
  orgGuid: string,
  spaceGuid: string,
): Promise<SpaceDetail | null> {
  const read = await readSpaceDetail(client, user, orgGuid, spaceGuid, {
    ...loadPlatform(),
    dynamicAsgs: env().dynamicAsgs,
    recent: Promise.resolve(null),
  });
  return read?.detail ?? null;
}
