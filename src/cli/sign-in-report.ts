import type { Identity, TokenStore } from "../graph/index.js";
import { publicClientId, publicClientName } from "../graph/command-scopes.js";
import { printable, printableJson } from "../present/printable.js";
import type { CliIo } from "./io.js";

/** What login and whoami report: who, where, what the token grants, and where it is kept. */
export type SignInReport = {
  profile: string;
  identity: Identity;
  /** Null for an app's sign-in, which is not cached. */
  store: TokenStore | null;
  accountFile: string | null;
  profileFile: string | null;
};

function storeLine(report: SignInReport): string {
  const { store } = report;
  if (store === null)
    return "Not cached: an app signs in again for each command with the secret or certificate from the environment.";
  const account =
    report.accountFile === null ? "" : ` The account (no token) is in ${report.accountFile}.`;
  return store.kind === "os"
    ? `Tokens are kept in the operating system's credential store (@azure/identity-cache-persistence).${account}`
    : `Tokens (access, refresh and ID tokens) are kept UNENCRYPTED, readable only by you (mode 0600), in ${store.files.join(" and ")}: no secure store is available here (docs/graph-adapter.md § Token cache).${account}`;
}

export function writeSignInReport(io: CliIo, report: SignInReport, json: boolean): void {
  const { identity: id } = report;
  if (json) {
    const document = {
      profile: report.profile,
      tenantId: id.tenantId,
      signedInAs: id.signedInAs,
      clientId: id.clientId,
      graphHost: id.graphHost,
      permissions: id.signedInAs?.kind === "app" ? id.appRoles : id.scopes,
      directoryRoles: id.directoryRoles,
      tokenStore: report.store,
      accountFile: report.accountFile,
      profileFile: report.profileFile,
    };
    io.stdout.write(`${printableJson(JSON.stringify(document))}\n`);
    return;
  }
  const who =
    id.signedInAs === null ? "an unnamed identity" : `${id.signedInAs.kind} ${id.signedInAs.id}`;
  const client =
    id.clientId === publicClientId ? `${id.clientId} (${publicClientName}, public)` : id.clientId;
  const permissions = id.signedInAs?.kind === "app" ? id.appRoles : id.scopes;
  // A person's token carries what was consented of what was asked: say what is missing now,
  // rather than at the first command that needs it.
  const missing =
    id.signedInAs?.kind === "app"
      ? []
      : id.scopesAsked.filter((s) => s !== ".default" && !permissions.includes(s));
  const lines = [
    `Signed in to tenant ${id.tenantId} as ${who} (profile ${report.profile}).`,
    `Client: ${client ?? "the Azure CLI's"}; Graph: ${id.graphHost}`,
    `Permissions granted: ${permissions.length === 0 ? "none" : permissions.join(", ")}`,
    ...(missing.length === 0
      ? []
      : [
          `Warning: not granted ${missing.join(", ")}; commands that need them stop before writing. An administrator consents to them for this client, then run login again.`,
        ]),
    ...(id.signedInAs?.kind === "app"
      ? []
      : [
          `Directory roles: ${id.directoryRoles.length === 0 ? "none in the token" : id.directoryRoles.join(", ")}`,
        ]),
    storeLine(report),
    ...(report.profileFile === null
      ? []
      : [`Profile ${report.profile} saved in ${report.profileFile}.`]),
  ];
  io.stdout.write(lines.map((l) => `${printable(l)}\n`).join(""));
}
