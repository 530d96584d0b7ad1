import { fileURLToPath } from "node:url";
import { z } from "zod";
import { UsageError } from "../errors.js";
import type { ReadOptions } from "../seed-file/read-seed-file.js";
import type { ValidateOptions } from "../validate/validate-rows.js";
import { helpPointer } from "./args.js";
import { disableCoreDumps } from "../secrets/core-dumps.js";
import type { CliIo } from "./io.js";
import { readPsk } from "./psk-source.js";

/**
The options of every command that reads a seed file (product.md §1), in one place so validate,
convert, import and activate parse them the same way.
*/
export const seedFileOptionSpec = {
  format: { type: "string" },
  "seed-encoding": { type: "string" },
  interval: { type: "string" },
  manufacturer: { type: "string" },
  model: { type: "string" },
  "allow-weak-seeds": { type: "boolean" },
  "allow-insecure-permissions": { type: "boolean" },
  "psk-hex": { type: "string" },
  "psk-env": { type: "string" },
  "psk-file": { type: "string" },
  "password-env": { type: "string" },
} as const;

export const seedFileOptionHelp = `Seed file options:
  --format auto|csv|pskc|feitian     file format (default: detected from the content)
  --seed-encoding auto|base32|hex    how secret keys are written (default: decided per file)
  --interval 30|60                   time step for files without a time interval column
  --manufacturer <name>              manufacturer for rows without one
  --model <name>                     model for rows without one
  --allow-weak-seeds                 accept seeds of 80–127 bits (warning instead of error)
  --allow-insecure-permissions       read a seed file that group or others may read
  --psk-env <VAR>                    environment variable holding an encrypted PSKC file's
                                     pre-shared key (32 hex characters)
  --psk-file <path>                  private file holding that key (hex, one line)
  --psk-hex <hex>                    the key itself: visible to other local users (warns)
  --password-env <VAR>               environment variable holding a PSKC file's password`;

/** oathkit's own demo files, found relative to the installed package (not the working folder). */
export const samplesDir = fileURLToPath(new URL("../../samples/", import.meta.url));

function oneOf<T extends string>(flag: string, values: readonly [T, ...T[]]) {
  return z.enum(values, {
    error: (issue) =>
      `${flag} must be one of ${values.join(", ")} (got ${JSON.stringify(issue.input)})`,
  });
}

const schema = z.object({
  format: oneOf("--format", ["auto", "csv", "pskc", "feitian"]).default("auto"),
  "seed-encoding": oneOf("--seed-encoding", ["auto", "base32", "hex"]).default("auto"),
  interval: oneOf("--interval", ["30", "60"]).optional(),
  manufacturer: z.string().trim().min(1, "--manufacturer must not be empty").optional(),
  model: z.string().trim().min(1, "--model must not be empty").optional(),
  "allow-weak-seeds": z.boolean().default(false),
  "allow-insecure-permissions": z.boolean().default(false),
  "psk-hex": z
    .string()
    .regex(/^[0-9a-fA-F]+$/u, "--psk-hex must be hexadecimal")
    .optional(),
  "psk-env": z.string().min(1, "--psk-env must name an environment variable.").optional(),
  "psk-file": z.string().min(1, "--psk-file must name a file.").optional(),
  "password-env": z.string().min(1).optional(),
});

export type SeedFileOptions = ReadOptions & ValidateOptions;

/** Turn parsed flags into reader and validator options; a bad value is a UsageError naming the flag. */
export function toSeedFileOptions(
  values: Record<string, unknown>,
  io: CliIo,
  command: string,
): SeedFileOptions {
  const parsed = schema.safeParse(values);
  if (!parsed.success)
    throw new UsageError(
      `${parsed.error.issues[0]?.message ?? "an option has a value oathkit cannot use"}. ${helpPointer(command)}`,
    );
  const o = parsed.data;
  // Every command that reads seeds passes here first: no core dump from now on (where possible).
  disableCoreDumps();
  const pskHex = readPsk(o, io, { allowInsecurePermissions: o["allow-insecure-permissions"] });
  let password: string | undefined;
  if (o["password-env"] !== undefined) {
    password = io.env[o["password-env"]];
    if (password === undefined || password === "")
      throw new UsageError(
        `The environment variable ${o["password-env"]} named by --password-env is not set.`,
      );
  }
  return {
    format: o.format,
    seedEncoding: o["seed-encoding"],
    interval: o.interval === undefined ? undefined : o.interval === "30" ? 30 : 60,
    manufacturer: o.manufacturer,
    model: o.model,
    allowWeakSeeds: o["allow-weak-seeds"],
    allowInsecurePermissions: o["allow-insecure-permissions"],
    samplesDir,
    ...(pskHex === undefined ? {} : { pskHex }),
    ...(password === undefined ? {} : { password }),
  };
}
