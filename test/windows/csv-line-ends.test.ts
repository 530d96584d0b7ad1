import { chmodSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderFailures } from "../../src/present/failures-file.js";
import {
  makeTokens,
  members,
  runCli,
  startTenant,
  tenantArgs,
  writeSeedCsv,
} from "../helpers/e2e.js";
import { tempDir } from "../helpers/temp-dir.js";

/** Line feeds without their carriage return (none of these files quotes a line break). */
const bareLineFeeds = (text: string) => (text.match(/(?<!\r)\n/gu) ?? []).length;

/**
Every CSV oathkit writes ends its lines with CRLF, on every platform (docs/install.md § Windows):
RFC 4180's line end, what Excel writes, and the same bytes whether made on Linux or Windows.
*/
describe("the CSV files oathkit writes", () => {
  it("end every line with CRLF: reports, list exports, the Entra CSV, the failures file", async () => {
    const dir = tempDir();
    const users = members(2);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    const tokens = makeTokens(
      users.map((u) => u.upn),
      "W",
    );
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
    chmodSync(join(dir, "tokens.csv"), 0o600);
    const run = async (argv: string[]) => {
      const result = await runCli(argv, { cwd: dir, env });
      expect(result.code, `${argv.join(" ")}: ${result.stderr}`).toBe(0);
    };
    await run(["import", "tokens.csv", "--yes", "--report", "import.csv", ...args]);
    await run(["list", "--csv", "list.csv", ...args]);
    await run(["list", "--by-user", "--csv", "holders.csv", ...args]);
    await run(["remove", tokens[0]!.serial, "--yes", "--report", "remove.csv", ...args]);
    await run(["convert", "tokens.csv", "--to", "entra-csv", "--out", "entra.csv"]);
    for (const name of ["import.csv", "list.csv", "holders.csv", "remove.csv", "entra.csv"]) {
      const text = readFileSync(join(dir, name), "utf8");
      expect(text.split("\r\n").length, name).toBeGreaterThan(2);
      expect([name, bareLineFeeds(text)]).toEqual([name, 0]);
      expect(text.endsWith("\r\n"), name).toBe(true);
    }
    const failures = renderFailures({ format: "csv", header: ["upn", "serial"], delimiter: "," }, [
      { serialNumber: "1", cells: ["a@contoso.example", "1"] },
    ]);
    expect(failures).toBe("upn,serial\r\na@contoso.example,1\r\n");
  });
});
