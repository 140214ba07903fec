import Link from "next/link";
import { Button } from "@/components/ui/button";
import type { SignedInUser } from "@/lib/auth/session";
import { seesFoundation } from "@/lib/permissions";
import { HeaderMenu } from "./header-menu";

const LOGO = "text-xl font-bold text-ink no-underline hover:text-primary-dark";

/**
 * The header; the sign-out server action comes from the root layout (arrows
 * point down only). Signed out (the landing page) it is the name alone, a
 * plain link with no script; signed in, the navigation and the user's block
 * come in HeaderMenu, behind a Menu button on a narrow screen.
 */
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
        {user ? (
          // Links to pages that read from CF do not prefetch: CF rate-limits requests per user.
          <Link href="/orgs" prefetch={false} className={LOGO}>
            Egress dashboard
          </Link>
        ) : (
          // A plain link: the signed-out landing page loads no next/link (first-load JS, docs/design.md §8).
          // eslint-disable-next-line @next/next/no-html-link-for-pages -- on purpose, see above
          <a href="/" className={LOGO}>
            Egress dashboard
          </a>
        )}
        {user && (
          <HeaderMenu foundation={seesFoundation(user)}>
            <div className="flex flex-wrap items-center gap-3 text-sm">
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
          </HeaderMenu>
        )}
      </div>
    </header>
  );
}
