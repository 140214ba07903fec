import { Mail } from "lucide-react";
import type { RefObject } from "react";
import { PLATFORM_REPLIES, type PreparedRequest } from "@/lib/private-egress/support-request";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/** The prepared support request: subject and message to copy, a mailto link, and what support answers. */
export function SupportRequestPanel({
  prepared,
  supportEmail,
  headingRef,
}: {
  prepared: PreparedRequest & { message: string };
  supportEmail: string;
  headingRef: RefObject<HTMLElement | null>;
}) {
  const { request } = prepared;
  return (
    <section
      ref={headingRef}
      tabIndex={-1}
      aria-labelledby="pe-result-heading"
      className="space-y-4 border-l-8 border-success bg-success-lighter px-4 py-4 focus:outline-none"
    >
      <h3 id="pe-result-heading" className="text-xl">
        Your support request is ready
      </h3>
      <p role="status">{prepared.message}</p>
      <a href={request.mailto} className={buttonClass("primary")}>
        <Mail aria-hidden="true" className="size-5" />
        Open it in your email app
      </a>
      <dl className="space-y-4">
        <div>
          <dt className="font-bold">To</dt>
          <dd className="font-mono">{supportEmail}</dd>
        </div>
        <div>
          <dt>
            <label htmlFor="pe-request-subject" className="font-bold">
              Subject
            </label>
          </dt>
          <dd className="mt-1 flex flex-wrap items-center gap-3">
            <input
              id="pe-request-subject"
              readOnly
              value={request.subject}
              className="min-h-11 w-full max-w-xl rounded border-2 border-base-dark bg-white px-3"
            />
            <CopyButton text={request.subject} targetId="pe-request-subject" label="Copy the subject" />
          </dd>
        </div>
        <div>
          <dt>
            <label htmlFor="pe-request-body" className="font-bold">
              Message
            </label>
          </dt>
          <dd className="mt-1 space-y-2">
            <textarea
              id="pe-request-body"
              readOnly
              value={request.body}
              rows={Math.min(40, request.body.split("\n").length + 8)}
              className="block w-full max-w-3xl rounded border-2 border-base-dark bg-white px-3 py-2 font-mono text-sm"
            />
            <CopyButton text={request.body} targetId="pe-request-body" label="Copy the message" />
          </dd>
        </div>
      </dl>
      <div>
        <h4 className="font-bold">What support sends back</h4>
        <ul className="mt-1 list-disc space-y-1 pl-6">
          {PLATFORM_REPLIES.map((reply) => (
            <li key={reply}>{reply}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
