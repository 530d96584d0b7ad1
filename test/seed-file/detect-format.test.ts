import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { InputFileError } from "../../src/errors.js";
import { Seed } from "../../src/secrets/seed.js";
import { detectFormat } from "../../src/seed-file/seed-file-format.js";
import { validateText } from "../helpers/files.js";

// Fresh random seeds, written as Feitian's text and as a CSV would hold them.
const hexSeed = () => randomBytes(20).toString("hex").toUpperCase();
const b32Seed = () => new Seed(randomBytes(20)).toBase32();

describe("format detection", () => {
  it("takes Feitian's serial<TAB>seed lines for Feitian text, not a headerless TSV", async () => {
    const text = `2600135004012\t${hexSeed()}\n2600135004013\t${hexSeed()}\n`;
    expect(detectFormat(text)).toBe("feitian");
    const result = await validateText(text, { interval: 60 });
    expect(result.format).toBe("feitian");
    expect(result.rows).toBe(2);
    expect(detectFormat(`2600135004012\t${b32Seed()}\r\n`)).toBe("feitian");
  });

  it("still reads a TSV with a header as CSV", () => {
    expect(detectFormat("serial number\tsecret key\n1\tABC\n")).toBe("csv");
    expect(detectFormat(`upn\tserial\tseed\nada@contoso.com\t1\t${b32Seed()}\n`)).toBe("csv");
  });

  it("names the formats it tried and suggests --format when a file fits none", async () => {
    const error = await validateText(`"token","value"\n"1","${b32Seed()}"\n`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputFileError);
    const { hint } = error as InputFileError;
    expect(hint).toMatch(/PSKC.*JSON.*Feitian.*OATH CSV.*CSV/u);
    expect(hint).toContain("--format");
  });

  it("refuses a CSV with a header and no token row (exit 2), naming the file", async () => {
    const error = await validateText(
      "upn,serial number,secret key,time interval,manufacturer,model\n\n",
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).message).toMatch(/no token/u);
  });
});
