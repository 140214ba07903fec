import type { NextRequest } from "next/server";
import { signIn } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/origin";

export const dynamic = "force-dynamic";

/**
 * Starts the sign-in: straight to the UAA login form (there is one provider,
 * so no provider-choice page), then back to the page that was asked for.
 */
export async function GET(request: NextRequest) {
  const redirectTo = safeCallbackPath(request.nextUrl.searchParams.get("callbackUrl"));
  // signIn() sets the PKCE, state and nonce cookies and redirects to the UAA.
  await signIn("uaa", { redirectTo });
}
