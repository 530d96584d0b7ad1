import { posix, win32 } from "node:path";
import { faultKinds } from "../emulator/options.js";
import { psSingleQuoted, quoteFor, shellQuote } from "./shell-quote.js";

/**
Whom the instructions are for: the shell they paste into (PowerShell on Windows, else a POSIX
shell) and how oathkit is started there — `npm run oathkit -- …` in a clone (npm names the
package of the script it runs in `npm_package_name`), else `oathkit …` (npm install, executable).
`clone` is set when the command was typed outside the clone (`npm --prefix <clone> run oathkit`):
npm names the clone's package.json in `npm_package_json` and the folder typed in in `INIT_CWD`;
there `npm run oathkit` finds no package.json, so the reader is given the `--prefix` form.
*/
export type Reader = { platform: NodeJS.Platform; fromClone: boolean; clone?: string };

export function readerOf(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): Reader {
  const fromClone = env["npm_package_name"] === "oathkit";
  const packageJson = env["npm_package_json"];
  const typedIn = env["INIT_CWD"];
  if (!fromClone || packageJson === undefined || packageJson === "") return { platform, fromClone };
  if (typedIn === undefined || typedIn === "") return { platform, fromClone };
  const path = platform === "win32" ? win32 : posix;
  const clone = path.dirname(packageJson);
  const fromInside = path.relative(clone, typedIn);
  const inside =
    fromInside === "" || (!fromInside.startsWith("..") && !path.isAbsolute(fromInside));
  return inside ? { platform, fromClone } : { platform, fromClone, clone };
}

/** How the reader starts oathkit, the words before its arguments. */
export function oathkitCommand(reader: Reader): string {
  if (!reader.fromClone) return "oathkit";
  if (reader.clone === undefined) return "npm run oathkit --";
  return `npm --prefix ${quoteFor(reader.platform)(reader.clone)} run oathkit --`;
}

const posixReader: Reader = { platform: "linux", fromClone: true };

/** What the standalone emulator tells its user: where it is and how to point oathkit at it. */
export type EmulatorEndpoint = {
  url: string;
  caFile: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
};

/** One variable per line (`export` or PowerShell's `$env:`): lines a terminal does not wrap. */
export function exportLines(e: EmulatorEndpoint, reader: Reader = posixReader): string[] {
  const variables: [string, string][] = [
    ["NODE_EXTRA_CA_CERTS", e.caFile],
    ["AZURE_TENANT_ID", e.tenantId],
    ["AZURE_CLIENT_ID", e.clientId],
    ["AZURE_CLIENT_SECRET", e.clientSecret],
    ["AZURE_AUTHORITY_HOST", e.url],
  ];
  return variables.map(([name, value]) =>
    reader.platform === "win32"
      ? `$env:${name} = ${psSingleQuoted(value)}`
      : `export ${name}=${shellQuote(value)}`,
  );
}

/** How the reader loads the `--write-env` file: `. file`, or in PowerShell (whatever its
execution policy) `Get-Content -Raw file | Invoke-Expression`. */
function loadEnvFile(envFile: string, reader: Reader): string {
  return reader.platform === "win32"
    ? `Get-Content -Raw ${psSingleQuoted(envFile)} | Invoke-Expression`
    : `. ${shellQuote(envFile)}`;
}

/**
The commands: the environment names the tenant and the client secret (so `--auth` defaults to
`env`) and the authority host; only the Graph URL needs a flag. From a clone, in the form the
README uses (`npm run oathkit -- …`, in the oathkit folder, on its samples); else `oathkit …`
on the reader's own file.
*/
export function commandLines(e: EmulatorEndpoint, reader: Reader = posixReader): string[] {
  const oathkit = oathkitCommand(reader);
  const sample =
    reader.clone === undefined
      ? "samples/graph.csv"
      : quoteFor(reader.platform)(
          (reader.platform === "win32" ? win32 : posix).join(reader.clone, "samples", "graph.csv"),
        );
  const file = reader.fromClone ? sample : "tokens.csv";
  return [`${oathkit} list --graph-url ${e.url}`, `${oathkit} import ${file} --graph-url ${e.url}`];
}

/** The `--write-env` file (mode 0600: it holds the client secret), for the reader's shell. */
export function envFileText(e: EmulatorEndpoint, reader: Reader = posixReader): string {
  const use =
    reader.platform === "win32"
      ? "Get-Content -Raw <this file> | Invoke-Expression"
      : ". <this file>";
  return [
    `# oathkit emulator at ${e.url}. Holds its client secret: keep it private, delete it when done.`,
    `# Use: ${use}   then: ${commandLines(e, reader)[0]!}`,
    ...exportLines(e, reader),
    "",
  ].join("\n");
}

/** The emulator's settings that make it behave unlike a quiet tenant, as one line (or null). */
export function behaviourOf(o: {
  writeRate?: number | undefined;
  faultRate?: number | undefined;
  faultKinds?: readonly string[] | undefined;
  latencyMs?: number | undefined;
  clockSkewSec?: number | undefined;
  autoApprove?: boolean | undefined;
}): string | null {
  const parts = [
    o.writeRate ? `${o.writeRate} writes/s` : null,
    o.faultRate
      ? `faults on ${Math.round(o.faultRate * 100)}% of writes (${(o.faultKinds ?? faultKinds).join(", ")})`
      : null,
    o.latencyMs ? `${o.latencyMs} ms latency` : null,
    o.clockSkewSec ? `clock ${o.clockSkewSec > 0 ? "+" : ""}${o.clockSkewSec} s` : null,
    o.autoApprove ? "sign-ins approved automatically" : null,
  ].filter((p) => p !== null);
  return parts.length === 0 ? null : parts.join(", ");
}

export function describeEmulator(
  e: EmulatorEndpoint,
  usersFile: string,
  envFile: string | undefined,
  reader: Reader = posixReader,
  behaviour: string | null = null,
): string {
  const where =
    reader.fromClone && reader.clone === undefined
      ? "In another terminal, in the oathkit folder"
      : "In another terminal";
  const how =
    envFile === undefined
      ? [
          `${where}, paste these lines (one command a line):`,
          "",
          ...exportLines(e, reader),
          ...commandLines(e, reader),
        ]
      : [
          `Wrote ${envFile} (mode 0600). It holds the client secret: delete it when done.`,
          `${where}:`,
          "",
          loadEnvFile(envFile, reader),
          ...commandLines(e, reader),
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
    ...(behaviour === null ? [] : [`  behaves with               ${behaviour}`]),
    "",
    ...how,
    "",
    `State (read-only, no secrets): ${e.url}/_emulator/state`,
    "Ctrl-C stops the emulator.",
    "",
  ].join("\n");
}
