import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { inspect } from "node:util";
import { Seed } from "../../src/secrets/seed.js";
import { Scrubber, scrubbedMarker } from "../../src/secrets/scrubber.js";

describe("Seed", () => {
  it("round-trips Base32 and hex and never prints itself", () => {
    const seed = Seed.fromBase32("gezdgnbvgy3tqojqgezdgnbvgy3tqojq");
    expect(seed.toBase32()).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(Buffer.from(seed.bytes()).toString("ascii")).toBe("12345678901234567890");
    expect(Seed.fromHex("3132333435363738393031323334353637383930").equals(seed)).toBe(true);
    const shown = [String(seed), JSON.stringify({ seed }), inspect({ seed })].join(" ");
    for (const form of seed.textForms()) expect(shown).not.toContain(form);
  });

  it("decodes what it encodes, for any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 80 }), (bytes) => {
        const seed = new Seed(bytes);
        expect(Seed.fromBase32(seed.toBase32()).bytes()).toEqual(Uint8Array.from(bytes));
        expect(Seed.fromBase32(seed.toBase32().toLowerCase()).equals(seed)).toBe(true);
      }),
    );
  });

  it("wipes its bytes", () => {
    const seed = new Seed([1, 2, 3]);
    seed.wipe();
    expect([...seed.bytes()]).toEqual([0, 0, 0]);
  });
});

describe("Scrubber", () => {
  it("removes every registered form of a seed, in any case, anywhere in a text", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 10, maxLength: 64 }),
        fc.string(),
        fc.string(),
        fc.nat(3),
        fc.boolean(),
        (bytes, before, after, formIndex, flipCase) => {
          const seed = new Seed(bytes);
          const scrubber = new Scrubber();
          scrubber.add(...seed.textForms());
          let form = seed.textForms()[formIndex]!;
          if (flipCase)
            form = [...form].map((c, i) => (i % 2 ? c.toLowerCase() : c.toUpperCase())).join("");
          const out = scrubber.scrub(`${before}${form}${after}`);
          for (const f of seed.textForms())
            expect(out.toLowerCase()).not.toContain(f.toLowerCase());
          expect(out).toContain(scrubbedMarker);
        },
      ),
    );
  });

  it("leaves text without secrets untouched", () => {
    const scrubber = new Scrubber();
    scrubber.add("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    expect(scrubber.scrub("serial 60234567 assigned to helga@contoso.com")).toBe(
      "serial 60234567 assigned to helga@contoso.com",
    );
    expect(scrubber.scrubDeep({ a: ["x jbswy3dpehpk3pxpjbswy3dpehpk3pxp y"] })).toEqual({
      a: [`x ${scrubbedMarker} y`],
    });
  });
});
