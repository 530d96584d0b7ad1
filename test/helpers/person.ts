import { join, resolve } from "node:path";
import {
  cliJs,
  filesUnder,
  makeTokens,
  nodeBin,
  runCli,
  startTenant,
  tenantArgs,
  writeSeedCsv,
  type TestToken,
} from "./e2e.js";
import { person } from "./person-keys.js";
import { classify, fromEmulator, fromReport, stockTenant, type Holds } from "./person-tenant.js";
import { tempDir, type OnFinished } from "./temp-dir.js";
import { openTerminal } from "./tmux.js";

/*
The driver behind test/e2e/person-matrix.test.ts: one cell is one command, run the way a person
runs it (keys typed in a real terminal, or a pipe), against a tenant of its own. It returns what
a person would look at afterwards: the exit code, everything the screen showed, and what the
tenant holds.
*/

export type Row = "import" | "activate" | "activate --from-device" | "remove" | "guided flow";
export type How =
  | "y"
  | "n"
  | "^C at the question"
  | "^C mid-run"
  | "piped --yes"
  | "piped"
  | "piped --json"
  | "piped --dry-run"
  | "| tee"
  | "y, ^C at the summary";
export type { Holds };
export type Played = {
  code: number | null;
  /** Everything shown: the terminal with its scrollback, or stdout and stderr. */
  screen: string;
  holds: Holds;
  /** The text of the files the run wrote (reports, journals; not the failures file). */
  files: string;
  tokens: TestToken[];
};

const path = `${resolve(nodeBin, "..")}:${process.env["PATH"] ?? ""}`;
/** The guided flow's own emulator has the sample users. */
const sampleUpns = ["adele.vance@contoso.example", "alex.wilber@contoso.example"];

/** What each row's command needs before it can run, and what "done" means for it. */
const rows: Record<Row, { argv: string[]; stocked: boolean; done: "activated" | "absent" }> = {
  import: { argv: ["import", "tokens.csv"], stocked: false, done: "activated" },
  activate: { argv: ["activate", "tokens.csv"], stocked: true, done: "activated" },
  "activate --from-device": {
    argv: ["activate", "tokens.csv", "--from-device"],
    stocked: true,
    done: "activated",
  },
  remove: { argv: ["remove"], stocked: true, done: "absent" },
  "guided flow": { argv: [], stocked: false, done: "activated" },
};

/** The flags a cell adds: one request at a time, so a Ctrl-C mid-run lands between two writes. */
function extraFlags(row: Row, how: How): string[] {
  if (how === "piped --yes") return ["--yes"];
  if (how === "piped --json") return ["--json"];
  if (how === "piped --dry-run") return ["--dry-run"];
  if (how !== "^C mid-run" || row === "guided flow") return [];
  return row === "import" ? ["--concurrency", "1", "--chunk-size", "1"] : ["--concurrency", "1"];
}

export async function play(row: Row, how: How, onFinished: OnFinished): Promise<Played> {
  const dir = tempDir(onFinished);
  const guided = row === "guided flow";
  const upns = guided ? sampleUpns : ["user1@contoso.example", "user2@contoso.example"];
  const tokens = makeTokens(upns, "M").map((t) => ({
    ...t,
    interval: 30 as const,
    hash: "hmacsha1" as const,
  }));
  writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
  const spec = rows[row];
  // A tenant of its own (an in-process emulator starts in ~30 ms). Mid-run, writes are paced at
  // one per two seconds (reads are not), so the Ctrl-C always lands while the run is writing.
  const paced = how === "^C mid-run" && !guided && row !== "activate --from-device";
  const emulator = guided
    ? null
    : await startTenant(
        dir,
        upns.map((upn) => ({ upn })),
        paced ? { writeRate: 0.5 } : {},
        onFinished,
      );
  if (emulator !== null && spec.stocked) await stockTenant(emulator, tokens);
  const tenant = emulator === null ? { args: [], env: {} } : tenantArgs(emulator);
  const serials = row === "remove" ? tokens.map((t) => t.serial) : [];
  const argv = [...spec.argv, ...serials, ...extraFlags(row, how), ...tenant.args];
  const env = { ...tenant.env, PATH: path, HOME: dir };

  let code: number | null;
  let screen: string;
  if (how.startsWith("piped")) {
    const result = await runCli(argv, { cwd: dir, env });
    code = result.code;
    // stdout, then stderr after a line of its own: a refusal with nothing before it read no file.
    screen = `${result.stdout}\n${result.stderr}`;
  } else {
    const line = `node ${cliJs} ${argv.join(" ")}`;
    const term = openTerminal(
      how === "| tee" ? `bash -o pipefail -c '${line} | tee out.txt'` : line,
      {
        cwd: dir,
        env,
        onFinished,
      },
    );
    await person(term, row, how, tokens);
    ({ code } = await term.exited());
    screen = term.history();
  }
  const holds = classify(
    emulator === null ? fromReport(dir, tokens) : fromEmulator(emulator, tokens),
    tokens,
    spec,
  );
  const files = Object.values(
    filesUnder(join(dir, "oathkit-runs"), (p) => p.includes(".failures.")),
  ).join("\n");
  return { code, screen, holds, files, tokens };
}
