/** The two lifecycles CF keeps security groups for; declared once, here, for the whole app. */
export const LIFECYCLES = ["running", "staging"] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];
