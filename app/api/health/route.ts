export const dynamic = "force-dynamic";

/** Liveness only: answers without touching the CF API, so a CF outage does not restart the app. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
