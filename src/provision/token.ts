import type { Seed } from "../secrets/seed.js";
import type { HashFunction, TimeInterval } from "../token-fields.js";

/** A validated token as provisioning needs it (the validate stage's Token satisfies this). */
export type TokenToProvision = {
  line: number;
  upn: string | null;
  serialNumber: string;
  seed: Seed;
  timeIntervalInSeconds: TimeInterval;
  hashFunction: HashFunction;
  manufacturer: string;
  model: string;
  displayName: string | null;
  cells?: readonly string[] | undefined;
};

/** A row validation rejected: its line, the reason, and its cells for the failures file. */
export type RejectedRow = {
  line: number;
  serialNumber: string | null;
  upn: string | null;
  code: string;
  message: string;
  cells?: readonly string[] | undefined;
};
