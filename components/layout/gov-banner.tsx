/**
 * The "official website" banner, in USWDS's wording. Optional (GOV_BANNER),
 * since not every Cloud Foundry platform is a .gov one.
 */
export function GovBanner() {
  return (
    <section aria-label="Official website of the United States government" className="bg-base-lightest">
      <p className="mx-auto max-w-7xl px-4 py-1 text-xs">
        An official website of the United States government
      </p>
    </section>
  );
}
