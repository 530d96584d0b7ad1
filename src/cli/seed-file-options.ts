import { fileURLToPath } from "node:url";
import { UsageError } from "../errors.js";
import type { ReadOptions } from "../seed-file/read-seed-file.js";
import { disableCoreDumps } from "../secrets/core-dumps.js";
import type { ValidateOptions } from "../validate/validate-rows.js";
import type { CliIo } from "./io.js";
import type { ValuesOf } from "./options/declare.js";
import type { seedFileSection } from "./options/seed-file.js";
import { readPsk } from "./psk-source.js";

/** oathkit's own demo files, found relative to the installed package (not the working folder). */
export const samplesDir = fileURLToPath(new URL("../../samples/", import.meta.url));

export type SeedFileOptions = ReadOptions & ValidateOptions;

/**
The seed-file options (options/seed-file.ts), parsed, as reader and validator options: the PSKC
key and password read from where the flags say. Every command that reads seeds passes here first,
so core dumps are off from now on (where the platform allows).
*/
export function toSeedFileOptions(
  o: ValuesOf<typeof seedFileSection.options>,
  io: CliIo,
): SeedFileOptions {
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
