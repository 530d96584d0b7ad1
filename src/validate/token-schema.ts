import { z } from "zod";
import { looksLikeSecret } from "../secrets/secret-like.js";
import { Seed } from "../secrets/seed.js";

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

const text = z.string().trim().min(1);

/**
The single definition of a valid token: every Token oathkit hands on (convert, import) has been
parsed by this schema. The row rules in validate-rows.ts report the same constraints as issues,
with stable codes, line numbers and per-file context (duplicates, encoding, the 5-per-user cap);
a test checks that both agree.
*/
export const tokenSchema = z.object({
  line: z.number().int().positive(),
  upn: z.string().regex(upnPattern).nullable(),
  serialNumber: text
    .refine((s) => !scientificSerialPattern.test(s), "scientific notation")
    .refine((s) => !looksLikeSecret(s), "looks like a secret key"),
  seed: z
    .instanceof(Seed)
    .refine((s) => s.byteLength <= maxSeedBytes, "seed too long")
    .refine((s) => s.bits >= minWeakSeedBits, "seed too short"),
  timeIntervalInSeconds: z.union([z.literal(30), z.literal(60)]),
  hashFunction: z.enum(["hmacsha1", "hmacsha256"]),
  manufacturer: text,
  model: text,
  displayName: z.string().trim().min(1).nullable(),
  /** The row's original cells, for a failures file in the input's own layout. */
  cells: z.array(z.string()).readonly(),
});

export type Token = z.infer<typeof tokenSchema>;
