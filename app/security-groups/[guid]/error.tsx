"use client";

import { LoadError } from "../_components/load-error";

export default function SecurityGroupError({ error, reset }: { error: unknown; reset: () => void }) {
  return <LoadError what="this security group" error={error} reset={reset} />;
}
