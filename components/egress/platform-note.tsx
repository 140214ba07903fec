import { platformOpens } from "@/lib/view-models/labels";
import type { PlatformEgress } from "@/lib/egress/space-egress";

/** Says when the platform itself opens egress for every space, which no switch here can close. */
export function PlatformNote({ platform }: { platform: PlatformEgress }) {
  const opens = platformOpens(platform.posture);
  if (!opens) return null;
  const groups = platform.groups;
  return (
    <p data-testid="platform-note">
      The platform itself opens {opens} for every space:{" "}
      {groups.length === 1 ? "the security group " : "the security groups "}
      {groups.map((name, i) => (
        <span key={name}>
          {i > 0 && (i === groups.length - 1 ? " and " : ", ")}
          <code>{name}</code>
        </span>
      ))}{" "}
      {groups.length === 1 ? "is" : "are"} enabled for running apps platform-wide. Only a platform
      administrator can change that; postures marked &ldquo;platform-wide&rdquo; are the platform&rsquo;s own.
    </p>
  );
}
