/** What the last change did, announced: a success as a status, a failure as an alert. */
export type NoticeValue = { ok: boolean; text: string };

export function Notice({ notice }: { notice: NoticeValue | undefined }) {
  return (
    <div aria-live="polite" className="min-h-6">
      {notice && (
        <p
          role={notice.ok ? "status" : "alert"}
          className={`font-semibold ${notice.ok ? "text-success-darker" : "text-error-dark"}`}
        >
          {notice.text}
        </p>
      )}
    </div>
  );
}
