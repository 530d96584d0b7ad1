import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { prepareInput } from "../../src/import/prepare-input.js";
import { Scrubber } from "../../src/secrets/scrubber.js";
import { defaults, seeds, tempDir } from "../helpers/files.js";

const fixtures = join(import.meta.dirname, "../fixtures");
const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

function prepare(file: string, extra: { mapPath?: string } = {}) {
  // RFC 6030 figure 7 is encrypted with the password "qwerty".
  const seedOptions = { ...defaults, allowInsecurePermissions: true, password: "qwerty" };
  const settings = {
    seedOptions,
    mapPath: extra.mapPath,
    cwd: tempDir(),
    mode: "inventory",
  } as const;
  return prepareInput(file, settings, new Scrubber());
}

describe("prepareInput: one pass over the input", () => {
  it("hashes exactly the file's bytes, whatever the format and encoding", async () => {
    const dir = tempDir();
    const feitian = join(dir, "feitian.txt");
    writeFileSync(feitian, `F0001 ${seeds.a}\nF0002 ${seeds.b}\n`, { mode: 0o600 });
    for (const file of [
      join(fixtures, "utf16le-bom.csv"),
      join(fixtures, "semicolon.csv"),
      join(fixtures, "pskc/rfc6030-figure7.pskcxml"),
      feitian,
    ]) {
      const { input } = await prepare(file);
      expect(input.inputSha256, file).toBe(sha256(file));
    }
  });

  it("notes a CSV file's header and delimiter for the failures file, and fills UPNs from --map", async () => {
    const dir = tempDir();
    const file = join(dir, "tokens.csv");
    writeFileSync(
      file,
      `serial number;secret key;time interval;manufacturer;model\nS1;${seeds.a};30;Token2;C202\nS2;x;30;Token2;C202\n`,
      { mode: 0o600 },
    );
    writeFileSync(join(dir, "map.csv"), "serial number,upn\nS1,ana@contoso.example\n");
    const { input, validation } = await prepareInput(
      file,
      { seedOptions: defaults, mapPath: "map.csv", cwd: dir, mode: "assign" },
      new Scrubber(),
    );
    expect(input.layout).toEqual({
      format: "csv",
      delimiter: ";",
      header: ["serial number", "secret key", "time interval", "manufacturer", "model"],
    });
    expect(input.tokens.map((t) => [t.serialNumber, t.upn])).toEqual([
      ["S1", "ana@contoso.example"],
    ]);
    expect(input.rejectedRows.map((r) => [r.line, r.serialNumber])).toEqual([[3, "S2"]]);
    expect(validation.rows).toBe(2);
  });
});
