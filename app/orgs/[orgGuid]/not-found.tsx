import Link from "next/link";

export default function SpaceNotFound() {
  return (
    <div className="mx-auto max-w-7xl space-y-4 px-4 py-8">
      <h1 className="text-3xl">Space not found</h1>
      <p>
        There is no such space in this organization, or Cloud Foundry does not show it to you: you see the
        spaces where you hold a space role, and every space of the orgs you manage.
      </p>
      <p>
        <Link href="/orgs">See the organizations you can see</Link>
      </p>
    </div>
  );
}
