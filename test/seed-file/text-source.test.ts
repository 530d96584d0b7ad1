import { chmodSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputFileError } from "../../src/errors.js";
import { detectFormat } from "../../src/seed-file/seed-file-format.js";
import { validateSeedFile } from "../../src/validate/validate-file.js";
import { defaults, privateFile, seeds, tempDir } from "../helpers/files.js";

async function failure(content: string | Uint8Array, options = {}) {
  const error = await validateSeedFile(privateFile(content), { ...defaults, ...options }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputFileError);
  return (error as InputFileError).message;
}

describe("files that are not seed files", () => {
  it("names what was expected for empty, zip, PDF, PGP, binary and non-UTF-8 input", async () => {
    expect(await failure("")).toMatch(/is empty; expected a CSV, PSKC/u);
    expect(await failure("\uFEFF \n\n")).toMatch(/is empty/u);
    expect(
      await failure(Buffer.from("PK\u0003\u0004\u0014\u0000\u0006\u0000rest", "latin1")),
    ).toMatch(/zip archive/u);
    expect(await failure("%PDF-1.7\n")).toMatch(/PDF document/u);
    expect(await failure("-----BEGIN PGP MESSAGE-----\nhQEMA\n")).toMatch(/PGP-encrypted/u);
    expect(await failure(Buffer.from([0x01, 0x02, 0x00, 0xff, 0x10]))).toMatch(/binary data/u);
    expect(await failure(Buffer.from("serial number,secret key\n\xff\xfe\xfa", "latin1"))).toMatch(
      /not UTF-8 or UTF-16 text/u,
    );
  });

  it("refuses invalid UTF-8 met after the first 64 KB, while streaming", async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `S${i},${seeds.a},30,Token2,C202`).join(
      "\n",
    );
    const content = Buffer.concat([
      Buffer.from(`serial number,secret key,time interval,manufacturer,model\n${rows}\n`),
      Buffer.from([0xc3, 0x28, 0x0a]),
    ]);
    expect(content.length).toBeGreaterThan(64 * 1024);
    expect(await failure(content)).toMatch(/not UTF-8 or UTF-16 text/u);
  });

  it("refuses a missing file and a folder with one sentence", async () => {
    const dir = tempDir();
    const missing = await validateSeedFile(join(dir, "nope.csv"), defaults).catch(
      (e: unknown) => e,
    );
    expect((missing as Error).message).toMatch(/cannot be read \(no such file\)/u);
    const folder = await validateSeedFile(dir, defaults).catch((e: unknown) => e);
    expect(folder).toBeInstanceOf(InputFileError);
  });

  it("detects PSKC and Feitian content and reads each with its own reader", async () => {
    expect(detectFormat('<?xml version="1.0"?>\n<KeyContainer>')).toBe("pskc");
    expect(detectFormat(`2200001 ${seeds.a}\n`)).toBe("feitian");
    expect(detectFormat("serial number,secret key\n")).toBe("csv");
    expect(await failure('<?xml version="1.0"?><KeyContainer/>')).toMatch(/holds no KeyPackage/u);
    const feitian = await validateSeedFile(privateFile(`2200001 ${seeds.a}\n`), {
      ...defaults,
      interval: 60,
      manufacturer: "Feitian",
      model: "c200",
    });
    expect([feitian.format, feitian.rows, feitian.valid]).toEqual(["feitian", 1, 1]);
    expect(await failure(`serial number,secret key\n1,${seeds.a}\n`, { format: "pskc" })).toMatch(
      /PSKC/u,
    );
  });
});

describe("permissions", () => {
  const csv = `serial number,secret key,time interval,manufacturer,model\n1,${seeds.a},30,Token2,C202\n`;

  it("refuses a file group or others may read, naming chmod and the flag", async () => {
    const path = privateFile(csv);
    chmodSync(path, 0o644);
    const error = (await validateSeedFile(path, defaults).catch(
      (e: unknown) => e,
    )) as InputFileError;
    expect(error).toBeInstanceOf(InputFileError);
    expect(error.message).toMatch(/may be read by group or others \(mode 0644\)/u);
    expect(error.hint).toMatch(/chmod 600 .*--allow-insecure-permissions/u);
  });

  it("reads it with --allow-insecure-permissions, with a warning", async () => {
    const path = privateFile(csv);
    chmodSync(path, 0o640);
    const result = await validateSeedFile(path, { ...defaults, allowInsecurePermissions: true });
    expect(result.issues.map((i) => [i.line, i.code, i.severity])).toContainEqual([
      1,
      "insecure-permissions",
      "warning",
    ]);
    expect(result.rejected).toBe(0);
  });

  it("exempts files inside the package's samples folder, with an info note", async () => {
    const dir = tempDir();
    const path = privateFile(csv);
    chmodSync(path, 0o644);
    const result = await validateSeedFile(path, { ...defaults, samplesDir: join(path, "..") });
    expect(result.issues.map((i) => [i.code, i.severity])).toContainEqual([
      "sample-file-permissions",
      "info",
    ]);
    const elsewhere = await validateSeedFile(path, { ...defaults, samplesDir: dir }).catch(
      (e: unknown) => e,
    );
    expect(elsewhere).toBeInstanceOf(InputFileError);
  });
});
