import { Alert } from "@/components/ui/alert";
import type { OrgMatrix } from "@/lib/view-models/org-matrix";

/** What the user should know before reading the matrix: a suspended org, a partial list, a missing history. */
export function OrgNotes({ matrix, historyAvailable }: { matrix: OrgMatrix; historyAvailable: boolean }) {
  return (
    <>
      {matrix.org.suspended && (
        <Alert tone="warning" heading="This org is suspended">
          Cloud Foundry refuses changes to its spaces until an administrator reactivates it.
        </Alert>
      )}
      {!matrix.seesAllSpaces && (
        <Alert tone="info" heading="Only some spaces are listed">
          Cloud Foundry shows you only the spaces of this org where you hold a space role. Spaces where you
          hold no space role are hidden from your role, so this list may not be the whole org.
        </Alert>
      )}
      {matrix.policy.problem && (
        <Alert tone="warning" heading="Compliance with the org's policy is not shown">
          {matrix.policy.problem}
        </Alert>
      )}
      {!historyAvailable && (
        <Alert tone="warning" heading="The change history is unavailable">
          The dashboard could not read its change history, so the Last change column is empty. Cloud
          Foundry&rsquo;s state below is current. Changes are refused until the history is back, so that none
          goes unrecorded.
        </Alert>
      )}
    </>
  );
}
