import Link from "next/link";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";

/** CF answers 404 both for a group that does not exist and for one the user may not see. */
export default function SecurityGroupNotFound() {
  return (
    <div className="mx-auto max-w-7xl space-y-4 px-4 py-8">
      <Breadcrumbs items={[{ href: "/security-groups", label: "Security groups" }, { label: "Not found" }]} />
      <h1 className="text-3xl">Security group not found</h1>
      <p className="max-w-3xl">
        There is no security group at this address, or Cloud Foundry does not show it to you. You can see a
        group when it is enabled platform-wide, or when it is bound to a space you can read.
      </p>
      <p>
        <Link href="/security-groups">See the security groups you can see</Link>
      </p>
    </div>
  );
}
