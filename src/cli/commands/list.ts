import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { UsageError } from "../../errors.js";
import { holderReport } from "../../inventory/holder-report.js";
import { renderHolderCsv, renderInventoryCsv } from "../../present/inventory-csv.js";
import { listInventory } from "../../inventory/list-inventory.js";
import { renderHolderText, renderInventoryText } from "../../present/inventory-text.js";
import { inventoryTotals } from "../../inventory/totals.js";
import { writePrivateFile } from "../../files/private-file.js";
import { printableJson } from "../../present/printable.js";
import { parseCommandArgs } from "../args.js";
import type { CliIo, Command } from "../io.js";
import { inTenant } from "../../job/tenant.js";
import { openTenant, tenantIo, tenantHelp, tenantOptions } from "../tenant-session.js";

const options = {
  ...tenantOptions,
  status: { type: "string" },
  serial: { type: "string" },
  upn: { type: "string" },
  model: { type: "string" },
  json: { type: "boolean" },
  csv: { type: "string" },
  force: { type: "boolean" },
  "by-user": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const statuses = ["available", "assigned", "activated", "failedActivation"] as const;
const filterSchema = z.object({
  status: z.enum(statuses).optional(),
  serial: z.string().trim().min(1).optional(),
  upn: z.string().trim().min(1).optional(),
  model: z.string().trim().min(1).optional(),
});

const help = [
  "Usage: oathkit list [filters] [--json | --csv <path>] [--by-user] [tenant options]",
  "",
  "The tenant's hardware OATH token inventory: every page, holders' UPNs, totals by status and model.",
  "",
  `  --status <status>        ${statuses.join("|")}`,
  "  --serial <serial>        one serial number",
  "  --model <model>          one model",
  "  --upn <upn>              tokens held by this user",
  "  --by-user                a holder report: each user with their tokens; * marks more than one",
  "  --json                   print one JSON document (docs/inventory.md)",
  "  --csv <path>             write an Excel-safe CSV (UTF-8 with BOM, mode 0600)",
  "  --force                  replace an existing --csv file",
  ...tenantHelp,
  "",
  "Examples:",
  "  oathkit list --status activated --model C202",
  "  oathkit list --by-user --csv holders.csv",
  "",
].join("\n");

export const listCommand: Command = {
  name: "list",
  usage: "list",
  summary: "tenant inventory: status, holder, model; filters; export",
  async run(args, io) {
    const flags = parse(args);
    if (flags.help === true) {
      io.stdout.write(help);
      return 0;
    }
    const filters = filterSchema.safeParse(flags);
    if (!filters.success) {
      const field = filters.error.issues[0]?.path.join(".") ?? "option";
      throw new UsageError(`--${field} has a value oathkit does not know.`, {
        hint: field === "status" ? `Use one of ${statuses.join(", ")}.` : "Give a non-empty value.",
      });
    }
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
      () => openTenant(flags, tenantIo(io)),
      (session) =>
        listInventory(
          {
            status: filters.data.status,
            serialNumber: filters.data.serial,
            model: filters.data.model,
            upn: filters.data.upn,
          },
          { directory: session.directory, ...progress },
        ).finally(() => progress.onProgress?.(-1)),
    );
    await output(flags, io, tokens);
    return 0;
  },
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
  flags: ReturnType<typeof parse>,
  io: CliIo,
  tokens: Awaited<ReturnType<typeof listInventory>>,
): Promise<void> {
  const totals = inventoryTotals(tokens);
  if (flags["by-user"] === true) {
    const report = holderReport(tokens);
    if (flags.json === true) io.stdout.write(`${printableJson(JSON.stringify(report))}\n`);
    else if (flags.csv !== undefined) {
      const path = resolve(io.cwd, flags.csv);
      await writePrivateFile(path, renderHolderCsv(report), { replace: flags.force === true });
      const held = report.holders.reduce((n, h) => n + h.tokens.length, 0);
      io.stdout.write(`Wrote ${report.totals.holders} holders (${held} tokens) to ${path}.\n`);
    } else io.stdout.write(renderHolderText(report));
    return;
  }
  if (flags.json === true)
    io.stdout.write(`${printableJson(JSON.stringify({ tokens, totals }))}\n`);
  else if (flags.csv !== undefined) {
    const path = resolve(io.cwd, flags.csv);
    await writePrivateFile(path, renderInventoryCsv(tokens), { replace: flags.force === true });
    io.stdout.write(`Wrote ${tokens.length} tokens to ${path}.\n`);
  } else io.stdout.write(renderInventoryText(tokens, totals));
}

function parse(args: readonly string[]) {
  const { values, positionals } = parseCommandArgs("list", args, options);
  if (positionals.length > 0) {
    throw new UsageError(`oathkit list takes no arguments, got "${positionals[0]}".`, {
      hint: "Filter with --serial, --status, --model or --upn; see `oathkit list --help`.",
    });
  }
  return values;
}
