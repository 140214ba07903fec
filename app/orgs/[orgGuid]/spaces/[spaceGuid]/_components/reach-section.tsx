import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { answerReach } from "@/lib/egress/reach-host";
import type { SpaceDetail } from "@/lib/loaders/space";

export type ReachQuery = { host?: string; port?: string; protocol?: string };

/** "Can my app reach …?": a plain GET form, so it works without JavaScript and the answer has a URL. */
export function ReachSection({
  detail,
  reach,
  query,
}: {
  detail: SpaceDetail;
  reach: Awaited<ReturnType<typeof answerReach>> | undefined;
  query: ReachQuery;
}) {
  return (
    <section aria-labelledby="reach-heading" className="space-y-3">
      <h2 id="reach-heading" className="text-2xl">
        Can my app reach…?
      </h2>
      <form
        method="get"
        action={`/orgs/${detail.org.guid}/spaces/${detail.space.guid}#reach-heading`}
        className="flex flex-wrap items-end gap-3"
      >
        <label className="flex flex-col font-semibold">
          Address or host name
          <input
            name="host"
            defaultValue={query.host ?? ""}
            required
            className="min-h-11 w-72 rounded border border-base-dark px-3 font-normal"
          />
        </label>
        <label className="flex flex-col font-semibold">
          Port
          <input
            name="port"
            inputMode="numeric"
            defaultValue={query.port ?? ""}
            className="min-h-11 w-28 rounded border border-base-dark px-3 font-normal"
          />
        </label>
        <Select
          label="Protocol"
          name="protocol"
          defaultValue={query.protocol ?? "tcp"}
          options={[
            { value: "tcp", label: "TCP" },
            { value: "udp", label: "UDP" },
            { value: "icmp", label: "ICMP (ping)" },
          ]}
        />
        <Button type="submit">Check</Button>
      </form>
      {reach && !reach.ok && (
        <p role="alert" className="text-error-dark">
          {reach.message}
        </p>
      )}
      {reach?.ok && (
        <div role="status" className="space-y-2">
          {reach.resolved && (
            <p className="text-sm text-base-dark">
              {reach.host} was resolved from the dashboard&rsquo;s network; your app&rsquo;s DNS inside the
              platform may answer differently.
            </p>
          )}
          <ul className="space-y-1">
            {reach.answers.map((a) => (
              <li key={a.address}>
                <strong>
                  {a.allowed ? "Yes" : "No"}: {a.address}
                  {query.protocol === "icmp" ? " (ping)" : ` ${query.protocol ?? "tcp"} ${query.port ?? ""}`}
                </strong>{" "}
                {a.allowed && a.by
                  ? `is allowed by ${a.by.group}, rule ${a.by.ruleIndex + 1}.`
                  : "is not allowed by any security group that applies to running apps."}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
