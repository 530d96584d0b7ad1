import { recordIssue, type Issue } from "../issues/issue.js";
import { Seed } from "../secrets/seed.js";
import type { RawRecord } from "./raw-record.js";

/**
A seed the format says is hex (privacyIDEA's OATH CSV, DualShield XML): decoded here, so it is
never read as Base32 when its characters happen to fit both. Not hex: an issue, no secret.
*/
export function hexSecret(
  text: string,
  line: number,
  issues: Issue[],
): RawRecord["secret"] | undefined {
  const hex = text.replace(/\s+/gu, "");
  if (hex === "") return undefined;
  if (/^(?:[0-9a-f]{2})+$/iu.test(hex)) return { kind: "bytes", seed: Seed.fromHex(hex) };
  issues.push(
    recordIssue(line, "secretKey", "seed-not-hex", "the format's seeds are hex; this one is not"),
  );
  return undefined;
}
