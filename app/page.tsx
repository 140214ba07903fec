import { redirect } from "next/navigation";
import { signInAction } from "@/app/auth-actions";
import { Button } from "@/components/ui/button";
import { safeCallbackPath } from "@/lib/auth/origin";
import { getServerSession } from "@/lib/auth/session";
import { SIGN_IN_NOTICES } from "@/lib/failures";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LandingPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  // After a failed sign-in (e.g. the UAA away while the session's token has expired), stay and say
  // so: sending the user back to the page would send them to sign in again, in an endless loop.
  if (first(params.error) === undefined && (await getServerSession())) redirect(callbackUrl);

  const reason = first(params.reason) ?? first(params.error);
  const notice = reason ? (SIGN_IN_NOTICES[reason] ?? "Sign-in did not complete. Try again.") : undefined;

  return (
    <div className="mx-auto max-w-7xl px-4 py-10">
      <h1 className="text-3xl sm:text-4xl">See and change what your Cloud Foundry apps can reach</h1>
      <p className="mt-4 max-w-3xl text-lg text-base-darker">
        Outbound traffic from your apps is governed by application security groups. This dashboard shows, for
        every space you can see, which destinations its apps can reach and why, and lets space and org
        managers turn public and trusted-local egress on or off.
      </p>
      {notice && (
        <div role="status" className="mt-6 max-w-3xl border-l-8 border-info bg-info-lighter px-4 py-3">
          {notice}
        </div>
      )}
      <form action={signInAction} className="mt-8">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Button type="submit" size="large">
          Sign in
        </Button>
        <p className="mt-3 text-sm text-base-dark">
          You sign in with your Cloud Foundry account, as with <code>cf login --sso</code>.
        </p>
      </form>
    </div>
  );
}
