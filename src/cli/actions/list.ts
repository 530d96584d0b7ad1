import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { writePrivateFile } from "../../files/private-file.js";
import { holderReport } from "../../inventory/holder-report.js";
import { listInventory } from "../../inventory/list-inventory.js";
import { inventoryTotals } from "../../inventory/totals.js";
import { inTenant } from "../../job/tenant.js";
import { renderHolderCsv, renderInventoryCsv } from "../../present/inventory-csv.js";
import { renderHolderText, renderInventoryText } from "../../present/inventory-text.js";
import { printableJson } from "../../present/printable.js";
import type { CommandRun, OptionsOf } from "../command.js";
import type { listSections } from "../commands/list.js";
import type { CliIo } from "../io.js";
import type { ValuesOf } from "../options/declare.js";
import { openTenant, tenantIo, tenantTarget } from "../tenant-session.js";

/** `oathkit list`: every page of the inventory, then a table, a JSON document or a CSV file. */
export const run: CommandRun<OptionsOf<typeof listSections>> = async ({ values }, io) => {
  const flags = values;
  if (flags.json === true && flags.csv !== undefined) {
    throw new UsageError("--json and --csv cannot be used together.", {
      hint: "Pick one: --json prints to stdout, --csv writes a file.",
    });
  }
  const out = flags.csv === undefined ? undefined : resolve(io.cwd, flags.csv);
  if (out !== undefined && flags.force !== true && existsSync(out)) {
    throw new UsageError(`${out} already exists; oathkit does not replace a file unless asked.`, {
      hint: "Choose another --csv path, or pass --force to replace it.",
    });
  }
  const progress = progressLine(io.stderr);
  const tokens = await inTenant(
    () => openTenant(tenantTarget(flags, "read"), tenantIo(io)),
    (session) =>
      listInventory(
        {
          status: flags.status,
          serialNumber: flags.serial,
          model: flags.model,
          upn: flags.upn,
        },
        { directory: session.directory, ...progress },
      ).finally(() => progress.onProgress?.(-1)),
  );
  await output(flags, io, tokens, out);
  return 0;
};

/**
On a terminal, a count on stderr while the pages come in (a big tenant takes a while); -1 clears
it. Nothing at all when stderr is not a terminal.
*/
function progressLine(stderr: CliIo["stderr"] & { isTTY?: boolean }): {
  onProgress?: (read: number) => void;
} {
  if (stderr.isTTY !== true) return {};
  return {
    onProgress: (read) => {
      if (read < 0) stderr.write("\r\u001b[2K");
      else if (read % 500 === 0) stderr.write(`\rReading the inventory… ${read} tokens`);
    },
  };
}

async function output(
  flags: ValuesOf<OptionsOf<typeof listSections>>,
  io: CliIo,
  tokens: Awaited<ReturnType<typeof listInventory>>,
  /** The --csv file, resolved against the command's folder. */
  out: string | undefined,
): Promise<void> {
  const totals = inventoryTotals(tokens);
  if (flags["by-user"] === true) {
    const report = holderReport(tokens);
    if (flags.json === true) io.stdout.write(`${printableJson(JSON.stringify(report))}\n`);
    else if (out !== undefined) {
      await writePrivateFile(out, renderHolderCsv(report), { replace: flags.force === true });
      const held = report.holders.reduce((n, h) => n + h.tokens.length, 0);
      io.stdout.write(`Wrote ${report.totals.holders} holders (${held} tokens) to ${out}.\n`);
    } else io.stdout.write(renderHolderText(report));
    return;
  }
  if (flags.json === true)
    io.stdout.write(`${printableJson(JSON.stringify({ tokens, totals }))}\n`);
  else if (out !== undefined) {
    await writePrivateFile(out, renderInventoryCsv(tokens), { replace: flags.force === true });
    io.stdout.write(`Wrote ${tokens.length} tokens to ${out}.\n`);
  } else io.stdout.write(renderInventoryText(tokens, totals));
}
