import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rejectionCodes } from "../../src/issues/rejection-codes.js";

describe("README", () => {
  it("lists exactly the pre-flight rejection codes of src/issues/rejection-codes.ts, with their meanings", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.split("### Pre-flight rejection codes")[1]?.split("\n### ")[0] ?? "";
    const rows = [...section.matchAll(/^\| `([a-z0-9-]+)` \| (.+) \|$/gmu)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows).toEqual(Object.entries(rejectionCodes));
  });
});
