import { describe, expect, it } from "vitest";
import { emptyUpnIndex, lookupUpn, withUpn } from "../../src/ui/upn-index.js";

describe("UpnIndex", () => {
  it("remembers across chunks, lets a later UPN win, and never changes an older index", () => {
    let index = emptyUpnIndex;
    for (let i = 0; i < 1_200; i++) index = withUpn(index, `S${i}`, `u${i}@contoso.example`);
    const before = index;
    index = withUpn(index, "S3", null);
    expect(lookupUpn(index, "S0")).toBe("u0@contoso.example");
    expect(lookupUpn(index, "S1199")).toBe("u1199@contoso.example");
    expect(lookupUpn(index, "S3")).toBeNull();
    expect(lookupUpn(before, "S3")).toBe("u3@contoso.example");
    expect(lookupUpn(index, "S9999")).toBeUndefined();
    expect(withUpn(index, "S0", "u0@contoso.example")).toBe(index);
  });
});
