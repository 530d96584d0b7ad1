import { oathkitCommand, readerOf } from "../present/emulator-instructions.js";
import { quoteFor } from "../present/shell-quote.js";
import type { Scrubber } from "../secrets/scrubber.js";

/** Options whose value is a secret: a report records the option, never the value. */
const secretOptions = new Set(["--psk-hex", "--password", "--client-secret", "--secret"]);

export const redacted = "<redacted>";

/**
The command line as a report records it: `oathkit` and the arguments as typed, quoted for a POSIX
shell where needed, with the value of any secret option replaced, and scrubbed by value (seeds,
the client secret) as a second line of defence. On Windows the quoting is PowerShell's.
*/
export function commandLineOf(
  args: readonly string[],
  scrubber: Scrubber,
  platform: NodeJS.Platform = process.platform,
): string {
  const quote = quoteFor(platform);
  const out: string[] = ["oathkit"];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? "";
    const [name] = arg.split("=", 1);
    if (name !== undefined && secretOptions.has(name)) {
      if (arg.includes("=")) out.push(`${name}=${redacted}`);
      else {
        out.push(arg);
        if (i + 1 < args.length) out.push(redacted);
        i += 1;
      }
      continue;
    }
    out.push(quote(scrubber.scrub(arg)));
  }
  return out.join(" ");
}

/**
The command to run again to finish an interrupted run, as the summary shows it: the command line
as the report records it (no secret value on screen), in the form this oathkit was started with
(`readerOf`: `npm run oathkit -- …` from a clone, else `oathkit …`).
*/
export function rerunCommandOf(
  args: readonly string[],
  scrubber: Scrubber,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): string {
  const line = commandLineOf(args, scrubber, platform);
  return `${oathkitCommand(readerOf(env, platform))}${line.slice("oathkit".length)}`;
}
