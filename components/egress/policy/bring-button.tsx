"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { BringIntoPolicyDialog, type BringAction, type BringTarget } from "./bring-into-policy";

/** "Bring into policy" outside the matrix (the policy page): a button, its dialog, then the page re-read. */
export function BringIntoPolicyButton({
  orgGuid,
  action,
  label,
  target = "all",
}: {
  orgGuid: string;
  action: BringAction;
  label: string;
  target?: BringTarget;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<BringTarget | null>(null);
  return (
    <>
      <Button onClick={() => setOpen(target)}>{label}</Button>
      <BringIntoPolicyDialog
        orgGuid={orgGuid}
        target={open}
        action={action}
        onClose={() => setOpen(null)}
        onApplied={() => Promise.resolve(router.refresh())}
      />
    </>
  );
}
