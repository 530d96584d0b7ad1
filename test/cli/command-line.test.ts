import { describe, expect, it } from "vitest";
import { commandLineOf, rerunCommandOf } from "../../src/cli/command-line.js";
import { Scrubber } from "../../src/secrets/scrubber.js";

describe("the command line a report records", () => {
  it("keeps the arguments as typed, quoted for a shell, with secret values replaced", () => {
    const scrubber = new Scrubber();
    scrubber.add("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    expect(
      commandLineOf(
        [
          "import",
          "my tokens.csv",
          "--psk-hex",
          "00112233445566778899aabbccddeeff",
          "--psk-hex=00112233445566778899aabbccddeeff",
          "--map",
          "it's.csv",
          "--manufacturer",
          "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
        ],
        scrubber,
      ),
    ).toBe(
      "oathkit import 'my tokens.csv' --psk-hex <redacted> --psk-hex=<redacted> --map 'it'\\''s.csv' --manufacturer '[redacted]'",
    );
  });
});

describe("the command to run again, as an interrupted run's summary shows it", () => {
  const args = ["import", "my tokens.csv", "--psk-hex", "00112233445566778899aabbccddeeff"];

  it("is pasteable where oathkit was started, and never shows a secret value", () => {
    expect(rerunCommandOf(args, new Scrubber(), {})).toBe(
      "oathkit import 'my tokens.csv' --psk-hex <redacted>",
    );
    // From a clone: `npm run oathkit -- …` (or `npm run demo`), where `oathkit` is not on PATH.
    expect(rerunCommandOf(args, new Scrubber(), { npm_package_name: "oathkit" })).toBe(
      "npm run oathkit -- import 'my tokens.csv' --psk-hex <redacted>",
    );
  });
});
