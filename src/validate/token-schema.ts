import { looksLikeSecret } from "../secrets/secret-like.js";
import { Seed } from "../secrets/seed.js";
import type { HashFunction, TimeInterval } from "../token-fields.js";

/** local@domain.tld, no white space; guests' `…#EXT#@tenant` forms pass. */
export const upnPattern = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/u;
/** A serial a spreadsheet turned into a number: `6.02346E+07`. */
export const scientificSerialPattern = /^[+-]?\d+(?:[.,]\d+)?E[+-]?\d+$/iu;
/** Entra's limit on the Base32 secret: 128 characters, that is 80 bytes. */
export const maxSeedBytes = 80;
/** RFC 4226 §4 R6: at least 128 bits. */
export const minSeedBits = 128;
/** The floor even `--allow-weak-seeds` keeps. */
export const minWeakSeedBits = 80;

/** A token every later step can rely on (text fields trimmed and non-empty). */
export type Token = {
  line: number;
  upn: string | null;
  serialNumber: string;
  seed: Seed;
  timeIntervalInSeconds: TimeInterval;
  hashFunction: HashFunction;
  manufacturer: string;
  model: string;
  displayName: string | null;
  /** The row's original cells, for a failures file in the input's own layout. */
  cells: readonly string[];
};

export type TokenParse = { success: true; data: Token } | { success: false; problems: string[] };

/**
The single definition of a valid token: every Token oathkit hands on (convert, import) has been
parsed by this schema. The row rules in validate-rows.ts report the same constraints as issues,
with stable codes, line numbers and per-file context (duplicates, encoding, the 5-per-user cap);
a test checks that both agree. Written by hand rather than with a schema library: `validate`
loads this file, and a schema library alone costs it more start-up time than the rest of the
command (issue #12).
*/
export const tokenSchema = {
  safeParse(input: Record<string, unknown>): TokenParse {
    const problems: string[] = [];
    const check = <T>(field: string, value: T | undefined, problem?: string): T => {
      if (value === undefined || problem !== undefined)
        problems.push(`${field}: ${problem ?? "invalid"}`);
      return value as T;
    };
    const { line, upn, seed, timeIntervalInSeconds, hashFunction, cells } = input;
    const serial = text(input["serialNumber"]);
    const serialNumber = check("serialNumber", serial, serialProblem(serial));
    const data: Token = {
      line: check(
        "line",
        Number.isInteger(line) && (line as number) > 0 ? (line as number) : undefined,
      ),
      upn: check(
        "upn",
        upn === null || (typeof upn === "string" && upnPattern.test(upn)) ? upn : undefined,
      ),
      serialNumber,
      seed: check("seed", seed instanceof Seed ? seed : undefined, seedProblem(seed)),
      timeIntervalInSeconds: check(
        "timeIntervalInSeconds",
        timeIntervalInSeconds === 30 || timeIntervalInSeconds === 60
          ? timeIntervalInSeconds
          : undefined,
      ),
      hashFunction: check(
        "hashFunction",
        hashFunction === "hmacsha1" || hashFunction === "hmacsha256" ? hashFunction : undefined,
      ),
      manufacturer: check("manufacturer", text(input["manufacturer"])),
      model: check("model", text(input["model"])),
      displayName: check(
        "displayName",
        input["displayName"] === null ? null : text(input["displayName"]),
      ),
      cells: check(
        "cells",
        Array.isArray(cells) && cells.every((c) => typeof c === "string") ? cells : undefined,
      ),
    };
    return problems.length === 0 ? { success: true, data } : { success: false, problems };
  },

  /** The token, or a throw naming the fields that break the rules (never their values). */
  parse(input: Record<string, unknown>): Token {
    const result = tokenSchema.safeParse(input);
    if (!result.success) throw new TypeError(`not a valid token: ${result.problems.join("; ")}`);
    return result.data;
  },
};

function text(value: unknown): string | undefined {
  const trimmed = typeof value === "string" ? value.trim() : "";
  return trimmed === "" ? undefined : trimmed;
}

function serialProblem(serial: string | undefined): string | undefined {
  if (serial === undefined) return undefined;
  if (scientificSerialPattern.test(serial)) return "scientific notation";
  if (looksLikeSecret(serial)) return "looks like a secret key";
  return undefined;
}

function seedProblem(seed: unknown): string | undefined {
  if (!(seed instanceof Seed)) return undefined;
  if (seed.byteLength > maxSeedBytes) return "seed too long";
  if (seed.bits < minWeakSeedBits) return "seed too short";
  return undefined;
}
