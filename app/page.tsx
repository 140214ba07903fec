export default function LandingPage() {
  return (
    <div className="mx-auto max-w-7xl px-4 py-10">
      <h1 className="text-3xl sm:text-4xl">See and change what your Cloud Foundry apps can reach</h1>
      <p className="mt-4 max-w-3xl text-lg text-base-darker">
        Outbound traffic from your apps is governed by application security groups. This dashboard shows, for
        every space you can see, which destinations its apps can reach and why, and lets space and org
        managers turn public and trusted-local egress on or off.
      </p>
    </div>
  );
}
