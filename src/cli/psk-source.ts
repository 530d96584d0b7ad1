import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import { describeFsError } from "../seed-file/text-source.js";
import type { CliIo } from "./io.js";

/**
Where the pre-shared key of an encrypted PSKC file comes from. The process arguments are readable
by every local user while oathkit runs (`ps`, /proc/<pid>/cmdline), so the key is read, like the
password, from an environment variable (`--psk-env VAR`) or a private file (`--psk-file PATH`,
the hex key on one line). `--psk-hex` still works, with a warning on stderr.
*/
export type PskFlags = {
  "psk-hex"?: string | undefined;
  "psk-env"?: string | undefined;
  "psk-file"?: string | undefined;
};

const maxKeyFileBytes = 4096;

export function readPsk(
  flags: PskFlags,
  io: CliIo,
  options: { allowInsecurePermissions: boolean },
): string | undefined {
  const given = (["psk-hex", "psk-env", "psk-file"] as const).filter((f) => flags[f] !== undefined);
  if (given.length > 1)
    throw new UsageError(
      `Give the pre-shared key once: ${given.map((f) => `--${f}`).join(" and ")} both set it.`,
    );
  if (flags["psk-hex"] !== undefined) {
    io.stderr.write(
      "Warning: --psk-hex puts the PSKC key in the process arguments, where other users of this computer can read it; use --psk-env VAR or --psk-file PATH instead.\n",
    );
    return flags["psk-hex"];
  }
  const name = flags["psk-env"];
  if (name !== undefined) {
    const value = io.env[name]?.trim();
    if (value === undefined || value === "")
      throw new UsageError(`The environment variable ${name} named by --psk-env is not set.`);
    return checked(value, `The environment variable ${name} named by --psk-env`);
  }
  const file = flags["psk-file"];
  if (file === undefined) return undefined;
  return checked(
    readKeyFile(resolve(io.cwd, file), options),
    `The file ${file} named by --psk-file`,
  );
}

/** 32 hex characters; the message never shows what was found instead. */
function checked(value: string, source: string): string {
  if (/^[0-9a-fA-F]{32}$/u.test(value)) return value;
  throw new UsageError(`${source} does not hold 32 hex characters (an AES-128 key).`, {
    hint: "Put the key the vendor sent, as hex, on one line.",
  });
}

/** A regular, private (unless allowed), small file's text, trimmed. */
function readKeyFile(path: string, options: { allowInsecurePermissions: boolean }): string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new UsageError(`The --psk-file ${path} cannot be read (${describeFsError(error)}).`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UsageError(`The --psk-file ${path} is not a file.`);
    const mode = stats.mode & 0o777;
    if (process.platform !== "win32" && (mode & 0o077) !== 0 && !options.allowInsecurePermissions)
      throw new UsageError(
        `The --psk-file ${path} may be read by group or others (mode ${mode.toString(8).padStart(4, "0")}); a key file must be private.`,
        {
          hint: `Run \`chmod 600 ${path}\`, or pass --allow-insecure-permissions if you accept the risk.`,
        },
      );
    if (stats.size > maxKeyFileBytes)
      throw new UsageError(
        `The --psk-file ${path} is larger than a key file (${stats.size} bytes).`,
      );
    const buffer = Buffer.alloc(maxKeyFileBytes + 1);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, Math.min(length, maxKeyFileBytes)).toString("utf8").trim();
    buffer.fill(0);
    return text;
  } finally {
    closeSync(fd);
  }
}
