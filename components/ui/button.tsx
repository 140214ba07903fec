import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary";

const LOOK: Record<ButtonVariant, string> = {
  primary: "bg-primary font-bold text-white hover:bg-primary-dark data-[hovered]:bg-primary-dark",
  secondary:
    "border-2 border-primary font-semibold text-primary hover:bg-primary-lighter data-[hovered]:bg-primary-lighter",
};

/**
 * The classes of the app's buttons, for native buttons, React Aria's Button
 * (which styles through data attributes) and links that look like buttons.
 * 44 px tall at least (USWDS touch targets).
 */
export function buttonClass(variant: ButtonVariant = "primary", extra = ""): string {
  return `inline-flex min-h-11 items-center justify-center gap-2 rounded px-4 no-underline disabled:cursor-not-allowed disabled:opacity-60 data-[disabled]:cursor-not-allowed data-[disabled]:opacity-60 ${LOOK[variant]} ${extra}`;
}

export function Button({
  variant = "primary",
  className = "",
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}
