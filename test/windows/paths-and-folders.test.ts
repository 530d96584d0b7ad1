import { chmodSync, writeFileSync } from "node:fs";
import path, { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCertDir } from "../../src/emulator/options.js";
import { cacheDir, configDir } from "../../src/files/user-folders.js";
import {
  failuresPath,
  jobFolder,
  refuseJobFile,
  removeJobFolder,
  reportPath,
} from "../../src/job/run-paths.js";
import { checkPermissions } from "../../src/seed-file/permissions.js";
import { tempDir } from "../helpers/temp-dir.js";

const sha = "abcdef0123456789".repeat(4);
const windowsUser = {
  platform: "win32" as const,
  env: {
    APPDATA: "C:\\Users\\adele\\AppData\\Roaming",
    LOCALAPPDATA: "C:\\Users\\adele\\AppData\\Local",
  },
  home: "C:\\Users\\adele",
};
/** Characters Windows refuses in a file name. */
const notOnWindows = /[<>:"/\\|?*]/u;

describe("Windows: the seed-file permission rule", () => {
  it("is not checked there (no POSIX modes): a file others may read is read without a word", async () => {
    const file = join(tempDir(), "tokens.csv");
    writeFileSync(file, "serial\n");
    chmodSync(file, 0o644);
    const options = { allowInsecurePermissions: false };
    expect(await checkPermissions(file, { ...options, platform: "win32" })).toEqual([]);
    await expect(checkPermissions(file, { ...options, platform: "linux" })).rejects.toThrow(
      /may be read by group or others \(mode 0644\)/u,
    );
  });
});

describe("Windows: job files with drive letters and backslashes (path.win32)", () => {
  it("puts the job folder under the command's folder, named after the file without its folder", () => {
    expect(jobFolder("C:\\Users\\adele", "D:\\vendor\\Token2 batch.csv", sha, path.win32)).toBe(
      "C:\\Users\\adele\\oathkit-runs\\Token2 batch-abcdef01",
    );
    expect(jobFolder("C:\\work", "..\\in\\t.v2.csv", sha, path.win32)).toBe(
      "C:\\work\\oathkit-runs\\t.v2-abcdef01",
    );
  });

  it("puts the failures file beside the journal", () => {
    const journal = "C:\\work\\oathkit-runs\\t-abcdef01\\import-0123456789ab.journal.jsonl";
    expect(failuresPath(journal, { format: "pskc" }, path.win32)).toBe(
      "C:\\work\\oathkit-runs\\t-abcdef01\\import-0123456789ab.failures.txt",
    );
  });

  it("refuses a --report naming the journal in another case: Windows' names ignore case", () => {
    const journal = "C:\\work\\oathkit-runs\\t-abcdef01\\import-0123456789ab.journal.jsonl";
    const shouted = journal.toUpperCase();
    expect(() => refuseJobFile(shouted, [journal], "win32")).toThrow(
      /one of this job's own files/u,
    );
    expect(() => refuseJobFile(shouted, [journal], "linux")).not.toThrow();
  });

  it("names default reports and job folders with characters Windows allows", () => {
    const folder = tempDir();
    const now = Date.parse("2026-12-01T15:04:05.678Z");
    const report = reportPath(folder, "import", folder, { force: false }, [], now);
    expect(basename(report)).toBe("import-20261201T150405Z.csv");
    expect(basename(report)).not.toMatch(notOnWindows);
    expect(basename(removeJobFolder(folder, sha))).not.toMatch(notOnWindows);
  });
});

describe("Windows: configuration and cache folders", () => {
  it("uses %APPDATA% and %LOCALAPPDATA%, else their places under the profile", () => {
    expect(configDir(windowsUser)).toBe("C:\\Users\\adele\\AppData\\Roaming\\oathkit");
    expect(cacheDir(windowsUser)).toBe("C:\\Users\\adele\\AppData\\Local\\oathkit");
    const bare = { ...windowsUser, env: { APPDATA: "", LOCALAPPDATA: "relative\\dir" } };
    expect(configDir(bare)).toBe("C:\\Users\\adele\\AppData\\Roaming\\oathkit");
    expect(cacheDir(bare)).toBe("C:\\Users\\adele\\AppData\\Local\\oathkit");
  });

  it("keeps the emulator's CA in %LOCALAPPDATA%\\oathkit\\emulator there, ~/.oathkit/emulator elsewhere", () => {
    expect(defaultCertDir(windowsUser)).toBe("C:\\Users\\adele\\AppData\\Local\\oathkit\\emulator");
    expect(defaultCertDir({ platform: "linux", env: {}, home: "/home/adele" })).toBe(
      "/home/adele/.oathkit/emulator",
    );
  });

  it("follows XDG on Linux and the Library on macOS", () => {
    const linux = { platform: "linux" as const, env: {}, home: "/home/adele" };
    expect(configDir(linux)).toBe("/home/adele/.config/oathkit");
    expect(cacheDir(linux)).toBe("/home/adele/.cache/oathkit");
    const xdg = { ...linux, env: { XDG_CONFIG_HOME: "/etc/adele", XDG_CACHE_HOME: "rel" } };
    expect(configDir(xdg)).toBe("/etc/adele/oathkit");
    expect(cacheDir(xdg)).toBe("/home/adele/.cache/oathkit");
    const mac = { platform: "darwin" as const, env: {}, home: "/Users/adele" };
    expect(configDir(mac)).toBe("/Users/adele/Library/Application Support/oathkit");
    expect(cacheDir(mac)).toBe("/Users/adele/Library/Caches/oathkit");
  });
});
