import Link from "next/link";

export type Crumb = { href?: string; label: string };

/** Every trail starts here, in the same word on every page. */
const ROOT: Crumb = { href: "/orgs", label: "Organizations" };

/** Where this page sits, below the organizations; the last crumb is the current page. */
export function Breadcrumbs({ items: below }: { items: Crumb[] }) {
  const items = [ROOT, ...below];
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <ol className="flex flex-wrap items-center gap-x-2">
        {items.map((item, index) => (
          <li key={`${item.label}-${index}`} className="flex items-center gap-x-2">
            {index > 0 && <span aria-hidden="true">›</span>}
            {item.href && index < items.length - 1 ? (
              <Link href={item.href} prefetch={false}>
                {item.label}
              </Link>
            ) : (
              <span aria-current={index === items.length - 1 ? "page" : undefined}>{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
