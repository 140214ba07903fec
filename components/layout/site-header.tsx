import Link from "next/link";

export function SiteHeader() {
  return (
    <header className="border-b border-base-lighter bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="text-xl font-bold text-ink no-underline hover:text-primary-dark">
          Egress dashboard
        </Link>
      </div>
    </header>
  );
}
