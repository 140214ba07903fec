export function SiteFooter() {
  return (
    <footer className="border-t border-base-lighter bg-base-lightest">
      <div className="mx-auto max-w-7xl px-4 py-6 text-sm text-base-darker">
        <p>
          Egress dashboard for Cloud Foundry. Egress is governed by{" "}
          <a href="https://docs.cloudfoundry.org/concepts/asg.html">application security groups</a>.
        </p>
      </div>
    </footer>
  );
}
