import localFont from "next/font/local";

/**
 * Public Sans (USWDS's face), latin subset, from @fontsource's files so the
 * build needs no network. Through next/font rather than @fontsource's CSS:
 * until the face arrives the text is drawn in Arial sized to Public Sans's
 * metrics, so nothing re-wraps or moves when it swaps in (Lighthouse measured
 * a 0.07–0.09 layout shift on the org page before; 0.000 since). Not
 * preloaded: the text shows at once in that fallback, so the face is not
 * urgent, and a preload competes with the page's scripts for a phone's
 * bandwidth. Characters outside latin fall through to the Arial fallback and
 * the rest of the stack in globals.css.
 */
export const publicSans = localFont({
  src: [
    {
      path: "../node_modules/@fontsource/public-sans/files/public-sans-latin-400-normal.woff2",
      weight: "400",
    },
    {
      path: "../node_modules/@fontsource/public-sans/files/public-sans-latin-700-normal.woff2",
      weight: "700",
    },
  ],
  style: "normal",
  display: "swap",
  preload: false,
  adjustFontFallback: "Arial",
  variable: "--font-public-sans",
});
