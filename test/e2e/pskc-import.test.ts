import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers/temp-dir.js";
import {
  filesUnder,
  findSecrets,
  members,
  runCli,
  secretsOf,
  startTenant,
  tenantArgs,
} from "../helpers/e2e.js";
import { writePskc } from "../helpers/pskc-writer.js";

describe("an encrypted PSKC file, end to end", () => {
  it("validates with one finding per bad key and imports the good keys with --psk-env", async () => {
    const dir = tempDir();
    const users = members(2);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    const psk = randomBytes(16);
    const keys = [
      {
        serial: "P0001",
        secret: randomBytes(20),
        interval: 30,
        userId: users[0]!.upn,
        manufacturer: "Feitian",
        model: "c200",
      },
      {
        serial: "P0002",
        secret: randomBytes(32),
        interval: 60,
        suite: "HMAC-SHA256",
        userId: users[1]!.upn,
        manufacturer: "Feitian",
        model: "c200",
      },
      {
        serial: "P0003",
        secret: randomBytes(20),
        interval: 30,
        userId: users[1]!.upn,
        manufacturer: "Feitian",
        model: "c200",
      },
      {
        serial: "P0004",
        secret: randomBytes(20),
        algorithm: "hotp",
        manufacturer: "Feitian",
        model: "c100",
      },
    ];
    const path = join(dir, "tokens.pskc");
    writeFileSync(
      path,
      writePskc(keys, { kind: "psk", key: psk }, { tamper: { index: 2, what: "ciphertext" } }),
      { mode: 0o600 },
    );
    const pskHex = psk.toString("hex");

    const keyEnv = { ...env, OATHKIT_PSK: pskHex };
    const validated = await runCli(
      ["validate", "tokens.pskc", "--json", "--psk-env", "OATHKIT_PSK"],
      {
        cwd: dir,
        env: keyEnv,
      },
    );
    expect(validated.code).toBe(1);
    const doc = JSON.parse(validated.stdout) as {
      format: string;
      seedEncoding: string;
      rows: number;
      valid: number;
      issues: Array<{ code: string; field: string | null }>;
    };
    // PSKC carries Base64 seeds: the document says what the verdict says.
    expect(doc.seedEncoding).toBe("base64");
    expect([doc.format, doc.rows, doc.valid]).toEqual(["pskc", 4, 2]);
    const errors = doc.issues
      .filter((i) => i.code.startsWith("pskc-"))
      .map((i) => i.code)
      .sort();
    expect(errors).toEqual(["pskc-mac-mismatch", "pskc-not-totp"]);
    expect(doc.issues.filter((i) => i.field === "secretKey")).toHaveLength(1);

    const imported = await runCli(
      ["import", "tokens.pskc", "--yes", "--psk-env", "OATHKIT_PSK", ...args],
      { cwd: dir, env: keyEnv },
    );
    expect(imported.code).toBe(1);
    expect(
      emulator
        .state()
        .devices.map((d) => [d.serialNumber, d.status, d.hashFunction, d.timeIntervalInSeconds])
        .sort(),
    ).toEqual([
      ["P0001", "activated", "hmacsha1", 30],
      ["P0002", "activated", "hmacsha256", 60],
    ]);
    const secrets = secretsOf(
      keys.map((k) => ({
        upn: null,
        serial: k.serial,
        seed: k.secret,
        interval: (k.interval ?? 30) as 30 | 60,
        hash: k.suite === undefined ? ("hmacsha1" as const) : ("hmacsha256" as const),
      })),
    );
    const outputs = {
      v: validated.stdout + validated.stderr,
      i: imported.stdout + imported.stderr,
    };
    expect(
      findSecrets(
        { ...outputs, ...filesUnder(join(dir, "oathkit-runs")) },
        { seeds: [...secrets.seeds, pskHex], codes: secrets.codes },
      ),
    ).toEqual([]);
  });
});
