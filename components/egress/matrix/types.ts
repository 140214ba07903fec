import type { Posture } from "@/lib/egress";
import type { MatrixProfile } from "@/lib/view-models/org-matrix";

/** What every row of the matrix shares: the org, the user's standing in it, the columns. */
export type MatrixContext = {
  orgGuid: string;
  orgName: string;
  suspended: boolean;
  isAdmin: boolean;
  canManageOrg: boolean;
  destinations: { id: string; label: string; governed: boolean }[];
  profiles: MatrixProfile[];
  /**
   * The posture the platform's global groups give every space, when they open
   * anything (lib/egress/posture.ts isPlatformWide, decided on the server so
   * that the browser does not load the engine); null when they open nothing.
   */
  platformWide: Posture | null;
  /** Whether the org has a policy that judges some space: the Policy column and its filter (docs/design.md §10). */
  policyActive?: boolean;
};

export type SpaceRef = { guid: string; name: string };

/** A switch flipped in the matrix, waiting for confirmation. */
export type MatrixChange = { space: SpaceRef; profile: MatrixProfile; enabled: boolean };

export const changeKey = (change: { space: SpaceRef; profile: { id: string } }) =>
  `${change.space.guid}:${change.profile.id}`;
