"use client";

import { LoadError } from "./_components/load-error";

export default function SecurityGroupsError({ error, reset }: { error: unknown; reset: () => void }) {
  return <LoadError what="the security groups" error={error} reset={reset} />;
}
