import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";

type Tone = "info" | "success" | "warning" | "error";

const LOOK: Record<Tone, { Icon: typeof Info; className: string }> = {
  info: { Icon: Info, className: "border-info bg-info-lighter" },
  success: { Icon: CircleCheck, className: "border-success bg-success-lighter" },
  warning: { Icon: TriangleAlert, className: "border-warning bg-warning-lighter" },
  error: { Icon: CircleAlert, className: "border-error bg-error-lighter" },
};

/** USWDS's alert: a coloured left border, an icon, and the message. Errors are announced (role=alert). */
export function Alert({
  tone = "info",
  heading,
  children,
  className = "",
}: {
  tone?: Tone;
  heading?: string;
  children: ReactNode;
  className?: string;
}) {
  const { Icon, className: look } = LOOK[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`flex gap-3 border-l-8 px-4 py-3 ${look} ${className}`}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
      <div>
        {heading && <p className="font-bold">{heading}</p>}
        <div>{children}</div>
      </div>
    </div>
  );
}
