import "./globals.css";

import type { Metadata } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { GovBanner } from "@/components/layout/gov-banner";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { signOutAction } from "./auth-actions";
import { publicSans } from "./fonts";
import { getServerSession } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = {
  title: { default: "Egress dashboard", template: "%s · Egress dashboard" },
  description: "See and change the outbound-network (egress) settings of your Cloud Foundry orgs and spaces.",
  // app/icon.svg is picked up by Next; these are the static files of public/ (scripts/make-icons.mts).
  icons: { icon: [{ url: "/favicon.ico", sizes: "any" }], apple: "/apple-touch-icon.png" },
  manifest: "/manifest.webmanifest",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: the CSP nonce is per request, and
  // nearly every page shows the signed-in user's own data.
  await connection();
  const session = await getServerSession();
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className={publicSans.variable}>
      <head>
        {/* React Aria reads the nonce here for the few <style> elements it adds (press and scroll handling). */}
        {nonce && <meta name="csp-nonce" content={nonce} />}
      </head>
      <body className="flex min-h-screen flex-col bg-white">
        <a
          href="#main-content"
          className="sr-only z-50 bg-white p-3 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
        >
          Skip to main content
        </a>
        {env().govBanner && <GovBanner />}
        <SiteHeader user={session?.user ?? null} signOutAction={signOutAction} />
        <main id="main-content" tabIndex={-1} className="flex-1 focus:outline-none">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
