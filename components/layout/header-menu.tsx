"use client";

import { Menu, X } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

/** The platform's readers see the foundation first: it is their overview (docs/design.md §13). */
const FOUNDATION = { href: "/foundation", label: "Foundation" } as const;

const LINKS = [
  { href: "/orgs", label: "Organizations" },
  { href: "/security-groups", label: "Security groups" },
  { href: "/private-egress", label: "Private egress" },
] as const;

/** "page" on the page a link names, "true" below it (an org is under Organizations), else none. */
function currentness(pathname: string, href: string): "page" | "true" | undefined {
  if (pathname === href) return "page";
  return pathname.startsWith(`${href}/`) ? "true" : undefined;
}

/**
 * The signed-in header's navigation and the user's own block (`children`,
 * server-rendered). On a wide screen they sit in the header's row; on a
 * narrow one they fold behind a Menu button, closed by default, so the
 * header stays one line (the disclosure pattern: a button with
 * aria-expanded and aria-controls; Escape closes it). It closes when a link
 * is followed: it is open for the page it was opened on only.
 */
export function HeaderMenu({ children, foundation = false }: { children: ReactNode; foundation?: boolean }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    setOpenOn(null);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpenOn(open ? null : pathname)}
        onKeyDown={closeOnEscape}
        className="inline-flex min-h-11 items-center gap-2 rounded border-2 border-primary px-3 font-semibold text-primary md:hidden"
      >
        {open ? <X aria-hidden="true" className="size-5" /> : <Menu aria-hidden="true" className="size-5" />}
        Menu
      </button>
      <div
        id={id}
        onKeyDown={closeOnEscape}
        className={`flex-1 flex-wrap items-center justify-between gap-x-6 gap-y-3 max-md:basis-full max-md:flex-col max-md:items-start max-md:border-t max-md:border-base-lighter max-md:pt-3 md:flex ${open ? "flex" : "max-md:hidden"}`}
      >
        <nav aria-label="Main">
          <ul className="flex flex-wrap gap-x-5 max-md:flex-col">
            {(foundation ? [FOUNDATION, ...LINKS] : LINKS).map(({ href, label }) => (
              <li key={href}>
                {/* No prefetch: these pages read from CF, which rate-limits requests per user. */}
                <Link
                  href={href}
                  prefetch={false}
                  aria-current={currentness(pathname, href)}
                  className="inline-flex min-h-11 items-center border-b-4 border-transparent font-semibold text-ink no-underline hover:text-primary aria-[current]:border-primary"
                >
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {children}
      </div>
    </>
  );
}
