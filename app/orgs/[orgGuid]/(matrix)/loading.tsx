export default function Loading() {
  return (
    <div className="mx-auto max-w-7xl px-4 py-8" role="status">
      <p className="text-lg">Loading the organization&rsquo;s egress…</p>
    </div>
  );
}
