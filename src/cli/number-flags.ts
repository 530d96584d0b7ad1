import { z } from "zod";

/**
zod schemas for flags that take numbers, with messages in plain words naming the flag
("--port takes a whole number", never "expected number, received NaN"). Flags arrive as strings
from parseArgs; `1e3`, `0x10`, ` 5` and the empty string are refused, not coerced.
*/
export function wholeNumberFlag(flag: string, range: { min: number; max?: number }) {
  return z
    .string()
    .regex(/^-?\d+$/u, `${flag} takes a whole number`)
    .transform(Number)
    .refine(
      (n) => n >= range.min && (range.max === undefined || n <= range.max),
      range.max === undefined
        ? `${flag} must be ${range.min} or more`
        : `${flag} must be between ${range.min} and ${range.max}`,
    );
}

/** A number with an optional fraction (`0.25`), within a range. */
export function decimalFlag(flag: string, range: { min: number; max?: number }) {
  return z
    .string()
    .regex(/^-?\d+(?:\.\d+)?$/u, `${flag} takes a number, like 0.5`)
    .transform(Number)
    .refine(
      (n) => n >= range.min && (range.max === undefined || n <= range.max),
      range.max === undefined
        ? `${flag} must be ${range.min} or more`
        : `${flag} must be between ${range.min} and ${range.max}`,
    );
}
