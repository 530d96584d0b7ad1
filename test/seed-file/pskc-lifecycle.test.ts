import { describe, expect, it } from "vitest";
import { readSeedFile } from "../../src/seed-file/read-seed-file.js";
import type { RawRecord } from "../../src/seed-file/raw-record.js";
import { defaults, privateFile } from "../helpers/files.js";
import { testBytes, writePskc, type TestKey } from "../helpers/pskc-writer.js";

const psk = testBytes("pskc-lifecycle psk", 16);
const keys: TestKey[] = ["60234567", "60234568"].map((serial) => ({
  serial,
  secret: testBytes(`pskc-lifecycle ${serial}`, 20),
  manufacturer: "Token2",
  model: "C202",
  interval: 30,
}));
const options = { ...defaults, format: "pskc" as const, pskHex: psk.toString("hex") };

function read(text: string) {
  const records: RawRecord[] = [];
  const done = readSeedFile(privateFile(text, "tokens.xml"), options, (r) => records.push(r));
  return { records, done };
}

const seedBytes = (record: RawRecord): number[] =>
  record.secret?.kind === "bytes" ? [...record.secret.seed.bytes()] : [];

describe("the PSKC file reader's lifecycle", () => {
  it("hands the seeds on intact when the file reads to the end", async () => {
    const { records, done } = read(writePskc(keys, { kind: "psk", key: psk }));
    await done;
    expect(records.map(seedBytes)).toEqual(keys.map((k) => [...k.secret]));
  });

  it("zeroes the seeds it handed on when the file breaks off after them", async () => {
    const whole = writePskc(keys, { kind: "psk", key: psk });
    const cut = whole.indexOf("</KeyPackage>") + "</KeyPackage>".length;
    const { records, done } = read(`${whole.slice(0, cut)}\n<<<`);
    await expect(done).rejects.toThrow(/not well-formed XML/u);
    expect(records).toHaveLength(1);
    expect(seedBytes(records[0]!)).toEqual(new Array<number>(20).fill(0));
  });
});
