"use client";

import "./globals.css";

import { ErrorState } from "@/components/ui/error-state";
import { publicSans } from "./fonts";

/**
 * What shows when the root layout itself fails, in its place: so its own
 * <html> and <body>, and none of the layout's header, footer or session. It
 * needs no nonce of its own: Next stamps its scripts from the proxy's CSP,
 * and the look comes from the stylesheet, not from inline styles.
 */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en" className={publicSans.variable}>
      <body className="min-h-screen bg-white">
        <title>Something went wrong · Egress dashboard</title>
        <main id="main-content">
          <ErrorState what="the dashboard" reference={error.digest} reset={reset} />
        </main>
      </body>
    </html>
  );
}
