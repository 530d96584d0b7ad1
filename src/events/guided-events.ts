/**
The guided flow's own events, from its driver: the tenant step failed (sign-in, permissions, a
refused host) before anything was written, so the user is sent back to it.
*/
export type GuidedEvent = {
  type: "connection-failed";
  /** Which part of the tenant step: signing in, or using the tenant once signed in. */
  step: "sign-in" | "tenant";
  message: string;
  hint: string | null;
};
