import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { testCertDir } from "../helpers/emulator.js";

const root = join(import.meta.dirname, "../..");
const built = join(root, "dist/emulator/index.js");

// In a fresh process (this test process already trusts the CA): both HTTP stacks refuse the
// emulator before trustEmulatorCa and accept it after, with certificate checks on throughout.
const script = `
import https from "node:https";
const { startEmulator, trustEmulatorCa } = await import(process.argv[1]);
const emu = await startEmulator({ certDir: process.argv[2] });
const url = emu.url + "/_emulator/state";
const viaFetch = () => fetch(url).then((r) => r.status, (e) => "refused:" + (e.cause?.code ?? e.message));
const viaHttps = () => new Promise((done) =>
  https.get(url, (r) => { r.resume(); done(r.statusCode); }).on("error", (e) => done("refused:" + e.code)));
const before = [await viaFetch(), await viaHttps()];
trustEmulatorCa(emu.caPem);
trustEmulatorCa(emu.caPem);
const after = [await viaFetch(), await viaHttps()];
console.log(JSON.stringify({ before, after, rejectUnauthorized: process.env.NODE_TLS_REJECT_UNAUTHORIZED ?? null }));
await emu.stop();
`;

describe("trustEmulatorCa", () => {
  it("makes global fetch and node:https trust the emulator without turning TLS checks off", async () => {
    if (!existsSync(built))
      throw new Error("dist/ is missing: run `npm run build` first (npm test does).");
    const env = { ...process.env };
    delete env["NODE_EXTRA_CA_CERTS"];
    delete env["NODE_TLS_REJECT_UNAUTHORIZED"];
    const { stdout } = await promisify(execFile)(
      join(root, "node_modules/.bin/node"),
      ["--input-type=module", "-e", script, pathToFileURL(built).href, testCertDir],
      { env },
    );
    const result = JSON.parse(stdout) as {
      before: unknown[];
      after: unknown[];
      rejectUnauthorized: unknown;
    };
    expect(result.before).toEqual([
      expect.stringMatching(/^refused:/u),
      expect.stringMatching(/^refused:/u),
    ]);
    expect(result.after).toEqual([200, 200]);
    expect(result.rejectUnauthorized).toBeNull();
  });
});
