import { shellQuote } from "./shell-quote.js";

/** What the standalone emulator tells its user: where it is and how to point oathkit at it. */
export type EmulatorEndpoint = {
  url: string;
  caFile: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
};

/** One `export` per line: short lines a terminal does not wrap inside a UUID. */
export function exportLines(e: EmulatorEndpoint): string[] {
  return [
    `export NODE_EXTRA_CA_CERTS=${shellQuote(e.caFile)}`,
    `export AZURE_TENANT_ID=${e.tenantId}`,
    `export AZURE_CLIENT_ID=${e.clientId}`,
    `export AZURE_CLIENT_SECRET=${shellQuote(e.clientSecret)}`,
    `export AZURE_AUTHORITY_HOST=${e.url}`,
  ];
}

/**
The commands, in the form the README uses from a clone (`npm run oathkit -- …`, run in the
oathkit folder): the environment names the tenant and the client secret (so `--auth` defaults
to `env`) and the authority host; only the Graph URL needs a flag.
*/
export function commandLines(e: EmulatorEndpoint): string[] {
  return [
    `npm run oathkit -- list --graph-url ${e.url}`,
    `npm run oathkit -- import samples/graph.csv --graph-url ${e.url}`,
  ];
}

/** The `--write-env`: sourceable (`. file`), mode 0600 because it holds the client secret. */
export function envFileText(e: EmulatorEndpoint): string {
  return [
    `# oathkit emulator at ${e.url}. Holds its client secret: keep it private, delete it when done.`,
    `# Use: . <this file>   then: ${commandLines(e)[0]!}`,
    ...exportLines(e),
    "",
  ].join("\n");
}

export function describeEmulator(
  e: EmulatorEndpoint,
  usersFile: string,
  envFile: string | undefined,
): string {
  const how =
    envFile === undefined
      ? [
          "In another terminal, in the oathkit folder, paste these lines (one command a line):",
          "",
          ...exportLines(e),
          ...commandLines(e),
        ]
      : [
          `Wrote ${envFile} (mode 0600). It holds the client secret: delete it when done.`,
          "In another terminal, in the oathkit folder:",
          "",
          `. ${shellQuote(envFile)}`,
          ...commandLines(e),
        ];
  return [
    `oathkit emulator listening on ${e.url}`,
    "",
    `  Graph URL, authority host  ${e.url}`,
    `  CA certificate             ${e.caFile}`,
    `  tenant                     ${e.tenantId}`,
    `  client id                  ${e.clientId}`,
    `  client secret              ${e.clientSecret}`,
    `  users                      ${usersFile}`,
    "",
    ...how,
    "",
    `State (read-only, no secrets): ${e.url}/_emulator/state`,
    "Ctrl-C stops the emulator.",
    "",
  ].join("\n");
}
