import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary";

/** `compact` where buttons sit beside each other in a row or a header; `large` for a page's one call to action. */
export type ButtonSize = "compact" | "medium" | "large";

const LOOK: Record<ButtonVariant, string> = {
  primary: "bg-primary font-bold text-white hover:bg-primary-dark data-[hovered]:bg-primary-dark",
  secondary:
    "border-2 border-primary font-semibold text-primary hover:bg-primary-lighter data-[hovered]:bg-primary-lighter",
};

// Padding lives here, not in `extra`: two px-* classes on one element do not override each other.
const SIZE: Record<ButtonSize, string> = {
  compact: "px-3",
  medium: "px-4",
  large: "px-5 py-3 text-lg",
};

/**
 * The classes of the app's buttons, for native buttons, React Aria's Button
 * (which styles through data attributes) and links that look like buttons.
 * 44 px tall at least (USWDS touch targets).
 */
export function buttonClass(
  variant: ButtonVariant = "primary",
  extra = "",
  size: ButtonSize = "medium",
): string {
  return `inline-flex min-h-11 items-center justify-center gap-2 rounded no-underline disabled:cursor-not-allowed disabled:opacity-60 data-[disabled]:cursor-not-allowed data-[disabled]:opacity-60 ${SIZE[size]} ${LOOK[variant]} ${extra}`;
}

export function Button({
  variant = "primary",
  size,
  className = "",
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <button type={type} className={buttonClass(variant, className, size)} {...props} />;
}
