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

  it("names the clone with --prefix when npm was started from another folder", () => {
    // `npm --prefix /home/adele/oathkit run oathkit -- import …` typed in ~/tokens: npm names the
    // clone's package.json and the folder typed in; `npm run oathkit` there finds no package.json.
    const npm = {
      npm_package_name: "oathkit",
      npm_package_json: "/home/adele/my oathkit/package.json",
      INIT_CWD: "/home/adele/tokens",
    };
    expect(rerunCommandOf(args, new Scrubber(), npm)).toBe(
      "npm --prefix '/home/adele/my oathkit' run oathkit -- import 'my tokens.csv' --psk-hex <redacted>",
    );
    // Typed in the clone or a folder inside it, npm finds the clone itself.
    for (const typedIn of ["/home/adele/my oathkit", "/home/adele/my oathkit/samples"])
      expect(rerunCommandOf(args, new Scrubber(), { ...npm, INIT_CWD: typedIn })).toBe(
        "npm run oathkit -- import 'my tokens.csv' --psk-hex <redacted>",
      );
    const windows = {
      npm_package_name: "oathkit",
      npm_package_json: "C:\\src\\oathkit\\package.json",
      INIT_CWD: "D:\\tokens",
    };
    expect(rerunCommandOf(["activate", "a.csv"], new Scrubber(), windows, "win32")).toBe(
      "npm --prefix C:\\src\\oathkit run oathkit -- activate a.csv",
    );
  });
});

describe("on Windows, quoted for PowerShell", () => {
  it("leaves drive-letter paths bare, single-quotes spaces, commas and quotes ('' inside)", () => {
    const args = [
      "import",
      "C:\\Users\\Adele Vance\\tokens.csv",
      "--map",
      "C:\\data\\it's.csv",
      "--report",
      "D:\\runs\\r.csv",
      "--psk-hex",
      "00112233445566778899aabbccddeeff",
    ];
    const line =
      "oathkit import 'C:\\Users\\Adele Vance\\tokens.csv' --map 'C:\\data\\it''s.csv' --report D:\\runs\\r.csv --psk-hex <redacted>";
    expect(commandLineOf(args, new Scrubber(), "win32")).toBe(line);
    expect(rerunCommandOf(args, new Scrubber(), {}, "win32")).toBe(line);
    expect(commandLineOf(["emulator", "--fault-kinds", "503,lost"], new Scrubber(), "win32")).toBe(
      "oathkit emulator --fault-kinds '503,lost'",
    );
  });
});
