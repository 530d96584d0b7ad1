import { describe, expect, it } from "vitest";
import { peFacts, withChecksum, withoutSignature } from "../../scripts/release/pe.ts";

const peOffset = 0x80;
const optional = peOffset + 24;
const security = optional + 112 + 4 * 8;

/** A minimal PE32+ x64 console image of `size` bytes, with a certificate table of `cert` bytes at its end. */
function fakeExe(size: number, cert: Buffer | undefined): Buffer {
  const image = Buffer.alloc(size, 0x90);
  image.write("MZ", 0, "latin1");
  image.writeUInt32LE(peOffset, 0x3c);
  image.write("PE\0\0", peOffset, "latin1");
  image.writeUInt16LE(0x8664, peOffset + 4);
  image.writeUInt16LE(0x20b, optional);
  image.writeUInt16LE(3, optional + 68);
  image.fill(0, optional + 112, optional + 112 + 16 * 8);
  if (cert === undefined) return image;
  image.writeUInt32LE(size, security);
  image.writeUInt32LE(cert.length, security + 4);
  return Buffer.concat([image, cert]);
}

describe("the release's PE handling (scripts/release/pe.ts)", () => {
  it("reads the facts the release check asserts", () => {
    const signed = fakeExe(4096, Buffer.alloc(64, 7));
    expect(peFacts(signed)).toEqual({
      machine: "x64",
      format: "PE32+",
      subsystem: "console",
      signed: true,
    });
  });

  it("cuts the Authenticode certificate table and clears its directory entry", () => {
    const cert = Buffer.alloc(64, 7);
    const stripped = withoutSignature(fakeExe(4096, cert));
    expect(stripped.length).toBe(4096);
    expect(stripped.includes(cert)).toBe(false);
    expect(peFacts(stripped).signed).toBe(false);
    expect(withChecksum(stripped).equals(stripped)).toBe(true);
  });

  it("leaves an unsigned file as it is", () => {
    const unsigned = fakeExe(4096, undefined);
    expect(withoutSignature(unsigned)).toBe(unsigned);
  });

  it("refuses to cut when something follows the certificate table", () => {
    const trailing = Buffer.concat([fakeExe(4096, Buffer.alloc(64, 7)), Buffer.from("more")]);
    expect(() => withoutSignature(trailing)).toThrow(/data follows the certificate table/u);
  });

  it("refuses a file that is not PE", () => {
    expect(() => peFacts(Buffer.from("\x7fELF" + "\0".repeat(200), "latin1"))).toThrow(/no MZ/u);
    const noPe = fakeExe(4096, undefined);
    noPe.write("XX", peOffset, "latin1");
    expect(() => peFacts(noPe)).toThrow(/no PE signature/u);
  });

  it("computes the header checksum over the file with the field itself left out", () => {
    const exe = fakeExe(4096, undefined);
    const once = withChecksum(exe);
    expect(once.readUInt32LE(optional + 64)).not.toBe(0);
    expect(withChecksum(once).equals(once)).toBe(true);
    exe[2000] = 0x91;
    expect(withChecksum(exe).readUInt32LE(optional + 64)).toBe(
      once.readUInt32LE(optional + 64) + 1,
    );
  });
});
