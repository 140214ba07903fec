import Link from "next/link";
import { Button } from "@/components/ui/button";
import type { SignedInUser } from "@/lib/auth/session";

/** The header; the sign-out server action comes from the root layout (arrows point down only). */
export function SiteHeader({
  user,
  signOutAction,
}: {
  user: SignedInUser | null;
  signOutAction: () => Promise<void>;
}) {
  return (
    <header className="border-b border-base-lighter bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        {/* Links to pages that read from CF do not prefetch: CF rate-limits requests per user. */}
        <Link
          href={user ? "/orgs" : "/"}
          prefetch={false}
          className="text-xl font-bold text-ink no-underline hover:text-primary-dark"
        >
          Egress dashboard
        </Link>
        {user && (
          <nav aria-label="Main" className="flex flex-1 flex-wrap items-center gap-x-5">
            <Link
              href="/orgs"
              prefetch={false}
              className="py-2 font-semibold text-ink no-underline hover:text-primary"
            >
              Organizations
            </Link>
            <Link
              href="/security-groups"
              prefetch={false}
              className="py-2 font-semibold text-ink no-underline hover:text-primary"
            >
              Security groups
            </Link>
            <Link
              href="/private-egress"
              prefetch={false}
              className="py-2 font-semibold text-ink no-underline hover:text-primary"
            >
              Private egress
            </Link>
          </nav>
        )}
        {user && (
          <div className="flex items-center gap-3 text-sm">
            <span>
              Signed in as <strong data-testid="signed-in-user">{user.name}</strong>
              {user.isAdmin && <span className="text-base-dark"> (platform admin)</span>}
            </span>
            <form action={signOutAction}>
              <Button type="submit" variant="secondary" size="compact">
                Sign out
              </Button>
            </form>
          </div>
        )}
      </div>
    </header>
  );
}
