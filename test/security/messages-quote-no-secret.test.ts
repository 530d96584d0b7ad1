import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Seed } from "../../src/secrets/seed.js";
import { Scrubber, scrubbedMarker } from "../../src/secrets/scrubber.js";
import {
  filesUnder,
  findSecrets,
  ndjson,
  runCli,
  startTenant,
  tenantArgs,
} from "../helpers/e2e.js";
import { writePskc } from "../helpers/pskc-writer.js";
import { tempDir } from "../helpers/temp-dir.js";
import { startHostileGraph } from "../helpers/hostile-graph.js";

/**
Issue #15 item 4: no message quotes a field that can hold key material; the scrubber knows the
Base64 forms of every seed; a verification code a server echoes never reaches NDJSON or the report.
*/

const b32 = (bytes: Buffer) => new Seed(bytes).toBase32();
const fragments = (text: string, size: number) =>
  Array.from({ length: text.length - size + 1 }, (_, i) => text.slice(i, i + size));

describe("messages about a file's values", () => {
  it("never quote a Base64 seed a vendor put in a PSKC field", async () => {
    const dir = tempDir();
    const seed = randomBytes(20);
    const misplaced = randomBytes(32).toString("base64");
    // One key with the seed as its Suite, one with it in its Algorithm (a key that is not TOTP
    // gets that one reason, so each needs its own key).
    const text = writePskc(
      [
        { serial: "70000001", secret: seed, interval: 30, suite: misplaced },
        { serial: "70000002", secret: randomBytes(20), algorithm: `urn:x:${misplaced}` },
      ],
      { kind: "plain" },
    );
    writeFileSync(join(dir, "tokens.pskc"), text, { mode: 0o600 });
    const plain = await runCli(["validate", "tokens.pskc"], { cwd: dir });
    const json = await runCli(["validate", "tokens.pskc", "--json"], { cwd: dir });
    expect([plain.code, json.code]).toEqual([1, 1]);
    expect(plain.stdout).toContain("pskc-hash");
    expect(plain.stdout).toContain("pskc-not-totp");
    const out = plain.stdout + json.stdout;
    for (const piece of fragments(misplaced, 12)) expect(out).not.toContain(piece);
  });

  it("never quote the pieces of a seed split by a stray delimiter", async () => {
    const dir = tempDir();
    const seed = b32(randomBytes(20));
    const csv = [
      "serial number,secret key,time interval,manufacturer,model,hash function",
      // A stray comma cuts the seed: its tail lands in the interval or hash column.
      `70000001,${seed.slice(0, 20)},${seed.slice(20)},30,Token2,C202`,
      `70000002,${seed.slice(0, 24)},30,Token2,C202,${seed.slice(24)}`,
    ].join("\n");
    writeFileSync(join(dir, "split.csv"), `${csv}\n`, { mode: 0o600 });
    const plain = await runCli(["validate", "split.csv"], { cwd: dir });
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain("time-interval-invalid");
    expect(plain.stdout).toContain("hash-function-unsupported");
    for (const piece of fragments(seed, 6)) expect(plain.stdout).not.toContain(piece);
  });
});

describe("the scrubber", () => {
  it("knows every seed's Base64 forms", () => {
    const seed = new Seed(randomBytes(20));
    const scrubber = new Scrubber();
    scrubber.add(...seed.textForms());
    const bytes = Buffer.from(seed.bytes());
    for (const form of [
      bytes.toString("base64"),
      bytes.toString("base64").replace(/=+$/u, ""),
      bytes.toString("base64url"),
    ])
      expect(scrubber.scrub(`x ${form} y`)).toBe(`x ${scrubbedMarker} y`);
  });

  it("removes this run's codes from a server's words only, as whole numbers", () => {
    const scrubber = new Scrubber();
    scrubber.addCode("123456");
    expect(scrubber.scrubServerText("code 123456 is wrong")).toBe(
      `code ${scrubbedMarker} is wrong`,
    );
    expect(scrubber.scrubServerText("request 91234567 and 654321")).toBe(
      "request 91234567 and 654321",
    );
    // Our own text is not a server's: a serial that equals a code stays.
    expect(scrubber.scrub("serial 123456")).toBe("serial 123456");
  });
});

describe("a server that echoes what it was sent", () => {
  it("never gets a verification code or a seed into NDJSON, the plain output or the report", async () => {
    const dir = tempDir();
    const emulator = await startTenant(dir, [
      { upn: "user1@contoso.example" },
      { upn: "user2@contoso.example" },
    ]);
    const seeds = [randomBytes(20), randomBytes(20)];
    const echoed = { codes: [] as string[], seeds: [] as string[] };
    // Rejects every create of the first serial and every activation, quoting what it got.
    const hostile = await startHostileGraph(emulator, ({ method, path, body }) => {
      if (method === "PATCH" && path.includes("hardwareOathDevices"))
        return {
          status: 400,
          body: { error: { code: "badRequest", message: "use single creates" } },
        };
      if (method === "POST" && path.includes("hardwareOathDevices") && body.includes("70000001")) {
        const base64 = seeds[0]!.toString("base64");
        echoed.seeds.push(base64);
        return {
          status: 400,
          body: { error: { code: "badRequest", message: `secretKey ${base64} is not valid` } },
        };
      }
      const code = /"verificationCode":"(\d{6})"/u.exec(body)?.[1];
      if (code === undefined) return undefined;
      echoed.codes.push(code);
      return {
        status: 400,
        body: { error: { code: `bad${code}`, message: `Verification code ${code} is invalid.` } },
      };
    });
    const csv = [
      "upn,serial number,secret key,time interval,manufacturer,model",
      `user1@contoso.example,70000001,${b32(seeds[0]!)},30,Token2,C202`,
      `user2@contoso.example,70000002,${b32(seeds[1]!)},30,Token2,C202`,
    ].join("\n");
    writeFileSync(join(dir, "tokens.csv"), `${csv}\n`, { mode: 0o600 });
    const { args, env } = tenantArgs(emulator);
    const graphAt = args.indexOf("--graph-url") + 1;
    args[graphAt] = hostile.url;

    const json = await runCli(["import", "tokens.csv", "--yes", "--json", ...args], {
      cwd: dir,
      env,
    });
    const plain = await runCli(["activate", "tokens.csv", "--yes", ...args], { cwd: dir, env });
    const events = ndjson(json.stdout);
    expect(events.some((e) => e["type"] === "token-failed")).toBe(true);
    expect(echoed.codes.length).toBeGreaterThan(0);
    expect(echoed.seeds.length).toBeGreaterThan(0);
    const outputs = {
      json: json.stdout + json.stderr,
      plain: plain.stdout + plain.stderr,
      ...filesUnder(join(dir, "oathkit-runs"), (p) => p.includes(".failures.")),
    };
    const found = findSecrets(outputs, {
      seeds: [...seeds.flatMap((s) => new Seed(s).textForms()), ...echoed.seeds],
      codes: echoed.codes,
    });
    expect(found).toEqual([]);
    expect(JSON.stringify(events)).toContain(scrubbedMarker);
  });
});
