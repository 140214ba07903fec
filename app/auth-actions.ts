"use server";

import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { signIn, signOut } from "@/lib/auth";
import { publicOrigin, safeCallbackPath } from "@/lib/auth/origin";
import { uaaBaseUrl } from "@/lib/auth/uaa";
import { env } from "@/lib/env";

/** The landing page's Sign in button. */
export async function signInAction(formData: FormData): Promise<void> {
  const callback = formData.get("callbackUrl");
  await signIn("uaa", { redirectTo: safeCallbackPath(typeof callback === "string" ? callback : null) });
}

/**
 * Sign-out ends the dashboard session, then the UAA session: a top-level
 * navigation to /logout.do (it is cookie-based), which returns to the landing
 * page, one of the client's registered redirect URIs.
 */
export async function signOutAction(): Promise<void> {
  await signOut({ redirect: false });
  const origin = await publicOrigin(await headers());
  const logout = new URL(`${await uaaBaseUrl()}/logout.do`);
  logout.searchParams.set("redirect", `${origin}/`);
  logout.searchParams.set("client_id", env().uaaClientId);
  redirect(logout.toString());
}
