/**
 * How a team keeps its policy in a repository and applies it from a pipeline
 * (docs/design.md §10; docs/policy-as-code.md): the same document, validation and
 * permissions as this page, with a user's UAA token.
 */
export function PolicyAsCode({
  orgGuid,
  origin,
  revision,
}: {
  orgGuid: string;
  /** The dashboard's public origin, so the commands can be pasted as they are. */
  origin: string;
  revision: number;
}) {
  const path = `/api/orgs/${orgGuid}/policy`;
  const get = `curl -H "Authorization: $(cf oauth-token)" ${origin}${path}`;
  const put = [
    `curl -X PUT -H "Authorization: $(cf oauth-token)" \\`,
    `  -H 'Content-Type: application/json' -H 'If-Match: "${revision}"' \\`,
    `  --data @policy.json ${origin}${path}`,
  ].join("\n");
  return (
    <section aria-labelledby="code-heading" className="max-w-4xl space-y-3">
      <h2 id="code-heading" className="text-2xl">
        Policy as code
      </h2>
      <p>
        The same document is served and accepted as JSON at <code>{path}</code>, with the same validation and
        permissions, so a team can keep its policy in a repository and apply it from a pipeline with a
        user&rsquo;s token (<code>cf oauth-token</code>). A write names the revision it replaces in{" "}
        <code>If-Match</code> (the <code>ETag</code> of a read) and is refused with 412 if the policy changed
        since; without <code>If-Match</code> it replaces whatever is stored. Every write is in the org&rsquo;s
        activity.
      </p>
      <pre className="rounded bg-base-lightest p-3 text-sm break-all whitespace-pre-wrap">
        <code>
          {get}
          {"\n\n"}
          {put}
        </code>
      </pre>
    </section>
  );
}
