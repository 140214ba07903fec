import Link from "next/link";

export default function OrgNotFound() {
  return (
    <div className="mx-auto max-w-7xl space-y-4 px-4 py-8">
      <h1 className="text-3xl">Organization not found</h1>
      <p>
        There is no such organization, or Cloud Foundry does not show it to you: you need a role in an org to
        see it.
      </p>
      <p>
        <Link href="/orgs">See the organizations you can see</Link>
      </p>
    </div>
  );
}
