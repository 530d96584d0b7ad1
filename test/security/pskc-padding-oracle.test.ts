import { describe, expect, it } from "vitest";
import { createDecipheriv } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputFileError } from "../../src/errors.js";
import { readPskc } from "../../src/seed-file/pskc/read-pskc.js";
import { runCli } from "../helpers/e2e.js";
import { testBytes, writePskc } from "../helpers/pskc-writer.js";
import { tempDir } from "../helpers/temp-dir.js";

/**
Issue #15 item 11: decrypting the PSKC MACKey must not tell whether its padding was valid. Nothing
authenticates the MAC key, so "does not decrypt" (bad padding) against "MACs do not match" (good
padding, wrong key) was an oracle: whoever can alter a file and watch oathkit's answer could
learn the MAC key a byte at a time. Both must now end the same way.
*/

const psk = testBytes("padding-oracle psk", 16);
const text = writePskc(
  [
    { serial: "70000001", secret: testBytes("s1", 20), interval: 30 },
    { serial: "70000002", secret: testBytes("s2", 20), interval: 30 },
  ],
  { kind: "psk", key: psk },
);

/** Does the MACKey's ciphertext decrypt with a valid PKCS#7 padding under `key`? */
function paddingValid(key: Buffer): boolean {
  const value = /<MACKey>[\s\S]*?<xenc:CipherValue>([^<]+)</u.exec(text)?.[1] ?? "";
  const data = Buffer.from(value, "base64");
  const decipher = createDecipheriv("aes-128-cbc", key, data.subarray(0, 16));
  decipher.update(data.subarray(16));
  try {
    decipher.final();
    return true;
  } catch {
    return false;
  }
}

/** Two wrong keys: one whose MACKey padding happens to be valid (about 1 in 256), one not. */
function wrongKeys(): { validPadding: Buffer; badPadding: Buffer } {
  let validPadding: Buffer | undefined;
  let badPadding: Buffer | undefined;
  for (let i = 0; validPadding === undefined || badPadding === undefined; i += 1) {
    const key = testBytes(`padding-oracle wrong ${i}`, 16);
    if (paddingValid(key)) validPadding ??= key;
    else badPadding ??= key;
  }
  return { validPadding, badPadding };
}

function outcome(pskHex: string): unknown {
  try {
    const { records } = readPskc(text, { pskHex });
    return { records: records.map((r) => r.issues.map((i) => [i.code, i.message])) };
  } catch (error) {
    expect(error).toBeInstanceOf(InputFileError);
    const { message, hint } = error as InputFileError;
    return { message, hint };
  }
}

describe("the PSKC MAC key", () => {
  const keys = wrongKeys();

  it("fails identically with a wrong key, whether or not the MACKey's padding is valid", () => {
    const good = outcome(keys.validPadding.toString("hex"));
    const bad = outcome(keys.badPadding.toString("hex"));
    expect(good).toEqual(bad);
    expect(bad).toEqual({
      message: "No MAC in this PSKC file matches: wrong key or password, or the file was altered.",
      hint: expect.stringContaining("--psk-env") as unknown,
    });
    // The right key still opens the file.
    expect(outcome(psk.toString("hex"))).toEqual({ records: [[], []] });
  });

  it("gives the same exit code and output through the CLI", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "tokens.pskc"), text, { mode: 0o600 });
    const run = (key: Buffer) =>
      runCli(["validate", "tokens.pskc", "--psk-env", "PSK"], {
        cwd: dir,
        env: { PSK: key.toString("hex") },
      });
    const [good, bad] = [await run(keys.validPadding), await run(keys.badPadding)];
    expect([good.code, good.stdout, good.stderr]).toEqual([bad.code, bad.stdout, bad.stderr]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("No MAC in this PSKC file matches");
  });
});
