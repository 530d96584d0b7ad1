import type { AccessTokens } from "./access-tokens.js";
import type { EmulatorCounters } from "./counters.js";
import type { SignIns } from "./sign-ins.js";
import type { EmulatorUser, UserDirectory } from "./users.js";

/** What the emulator tells a person when a sign-in waits for approval (without --auto-approve). */
export type SignInPrompt =
  | { kind: "device-code"; userCode: string; verificationUri: string; clientId: string }
  | { kind: "browser"; approvalUrl: string; clientId: string };

/** The line the standalone emulator prints for a waiting sign-in (a person acts on it). */
export function signInPromptText(prompt: SignInPrompt): string {
  return prompt.kind === "device-code"
    ? `Sign-in waiting: open ${prompt.verificationUri} and enter the code ${prompt.userCode}.\n`
    : `Sign-in waiting for approval in the browser: ${prompt.approvalUrl}\n`;
}

/** Everything the Entra side (OAuth endpoints and sign-in pages) works with. */
export type EntraConfig = {
  /** https://127.0.0.1:port, known once listening. */
  origin: string;
  tenantId: string;
  /** The confidential client of the client-credentials grant. */
  clientId: string;
  clientSecret: string;
  tokens: AccessTokens;
  now: () => number;
  signIns: SignIns;
  users: UserDirectory;
  counters: EmulatorCounters;
  /** Application permissions of app tokens. */
  appRoles: readonly string[];
  /** Delegated permissions consented for every client; undefined: whatever is requested. */
  consentedScopes: readonly string[] | undefined;
  autoApprove: boolean;
  /** Who signs in at once with autoApprove, and who the approval pages preselect. */
  signInAs: EmulatorUser | undefined;
  deviceCodeTtlSec: number;
  deviceCodeIntervalSec: number;
  onSignInWaiting: ((prompt: SignInPrompt) => void) | undefined;
};

export function issuer(config: EntraConfig): string {
  return `${config.origin}/${config.tenantId}/v2.0`;
}
