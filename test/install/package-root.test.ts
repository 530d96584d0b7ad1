import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { embeddedKey, moduleUrl } from "../../scripts/sea/package-root.ts";

// Inside the executable process.execPath is the executable; here it is the pinned node, which
// serves as well: what matters is that the package folder is that file, read as a folder.
const exe = process.execPath;

describe("the executable as the package folder (scripts/sea/package-root.ts)", () => {
  it("places each module below the executable, as import.meta.url", () => {
    expect(moduleUrl("dist/cli/main.js")).toBe(pathToFileURL(join(exe, "dist/cli/main.js")).href);
  });

  it("finds the embedded files where dist's relative paths lead", () => {
    const main = moduleUrl("dist/cli/main.js");
    expect(embeddedKey(new URL("../../package.json", main))).toBe("package.json");
    const inProcess = moduleUrl("dist/emulator/in-process.js");
    expect(embeddedKey(new URL("../../samples/users.json", inProcess))).toBe("samples/users.json");
    expect(embeddedKey(join(exe, "samples", "users.json"))).toBe("samples/users.json");
    expect(embeddedKey(join(exe, "dist", "..", "package.json"))).toBe("package.json");
  });

  it("names no embedded file for anything else", () => {
    expect(embeddedKey(join(exe, "samples/token2.csv"))).toBeUndefined();
    expect(embeddedKey("package.json")).toBeUndefined();
    expect(embeddedKey(`file:${join(exe, "package.json")}`)).toBeUndefined();
    expect(embeddedKey(new URL("https://example.com/package.json"))).toBeUndefined();
  });
});
