import { describe, expect, it } from "vitest";
import { appendFileSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Journal } from "../../src/job/journal.js";
import { InputFileError } from "../../src/errors.js";
import { tempDir } from "../helpers/temp-dir.js";

const now = () => 1_750_000_000_000;
const key = (inputSha256: string, tenantId = "tenant-a") => ({
  command: "import",
  inputSha256,
  tenantId,
  graphHost: "graph.microsoft.com",
});

describe("Journal", () => {
  it("is created 0600 and folds each serial to its last step across runs", () => {
    const path = join(tempDir(), "job", "journal.jsonl");
    const first = Journal.open(path, key("abc"), now);
    first.record("A1", { phase: "create-sent" });
    first.record("A1", { phase: "created", deviceId: "dev-1" });
    first.record("B2", { phase: "create-sent" });
    first.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);

    appendFileSync(path, '{"kind":"token","serial":"A1","pha'); // torn by a crash
    const second = Journal.open(path, key("abc"), now);
    expect(second.get("A1")).toEqual({
      phase: "created",
      deviceId: "dev-1",
      userId: undefined,
      requestId: undefined,
      code: undefined,
      createdHere: true,
    });
    expect(second.get("B2")?.phase).toBe("create-sent");
    expect(second.get("C3")).toBeUndefined();
    second.record("A1", { phase: "activate-sent", userId: "u-1" });
    expect(second.get("A1")).toMatchObject({
      phase: "activate-sent",
      deviceId: "dev-1",
      userId: "u-1",
      createdHere: true,
    });
    second.close();
  });

  it("refuses a journal written for another input file", () => {
    const path = join(tempDir(), "journal.jsonl");
    Journal.open(path, key("abc"), now).close();
    expect(() => Journal.open(path, key("def"), now)).toThrow(InputFileError);
  });

  it("refuses a second live process and takes over a dead one's lock", () => {
    const path = join(tempDir(), "journal.jsonl");
    const held = Journal.open(path, key("abc"), now);
    expect(() => Journal.open(path, key("abc"), now)).toThrow(/Another oathkit process/u);
    held.close();
    writeFileSync(`${path}.lock`, "999999999");
    const again = Journal.open(path, key("abc"), now);
    expect(readFileSync(`${path}.lock`, "utf8")).toBe(String(process.pid));
    again.close();
  });
});
