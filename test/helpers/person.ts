import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { msLeftInStep, totpCode } from "../../src/activate/totp.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import {
  cliJs,
  filesUnder,
  latestReport,
  makeTokens,
  nodeBin,
  runCli,
  startTenant,
  stockTenant,
  tenantArgs,
  writeSeedCsv,
  type TestToken,
} from "./e2e.js";
import { tempDir, type OnFinished } from "./temp-dir.js";
import { openTerminal, type Terminal } from "./tmux.js";

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
/** Each serial as the row found it, each as the row's command leaves it when done, or some of each. */
export type Holds = "untouched" | "done" | "partly";
export type Played = {
  code: number | null;
  /** Everything shown: the terminal with its scrollback, or stdout and stderr. */
  screen: string;
  holds: Holds;
  /** The text of the files the run wrote (reports, journals; not the failures file). */
  files: string;
  tokens: TestToken[];
};

/** Every serial's state, with its holder: `activated:user1@contoso.example`, or `absent`. */
type Tenant = Map<string, string>;

const path = `${resolve(nodeBin, "..")}:${process.env["PATH"] ?? ""}`;
const sixTyped = /Code shown on the token: \*{6}$/mu;
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

/** The keys a person types for `how`, up to the end of the program. */
async function person(term: Terminal, row: Row, how: How, tokens: TestToken[]): Promise<void> {
  if (how === "| tee") return;
  const readline = row === "remove" || row === "activate --from-device";
  const answer = (key: "y" | "n") => (readline ? term.keys(key, "Enter") : term.keys(key));
  if (row === "guided flow") await toThePlan(term, how === "^C mid-run");
  await term.waitFor(readline ? "[y/N]" : "Go on? y/N", 30_000);
  if (how === "^C at the question") return term.keys("C-c");
  if (how === "n") {
    answer("n");
    if (row === "guided flow") await declineTwice(term);
    return;
  }
  answer("y");
  const deviceCheck =
    row === "activate --from-device" || (row === "guided flow" && how === "^C mid-run");
  if (deviceCheck) {
    await typeCode(term, tokens[0]!, 1);
    await term.waitFor("token 2 of 2", 30_000);
    if (how === "^C mid-run") return term.keys("C-c");
    await term.waitFor(`${tokens[0]!.serial}: the code matches`);
    await typeCode(term, tokens[1]!, 2);
  } else if (how === "^C mid-run") {
    // The first write is on screen; the next waits out the paced writes.
    await term.waitFor(row === "remove" ? /^unassigned {2}/mu : /Last: M0000\d/u, 30_000);
    return term.keys("C-c");
  }
  if (row === "guided flow") {
    await term.waitFor("Summary", 30_000);
    term.keys(how === "y" ? "q" : "C-c");
  }
}

/** The guided flow: tokens.csv → validation → Activate (or the device check) → the local emulator. */
async function toThePlan(term: Terminal, deviceCheck: boolean): Promise<void> {
  await term.waitFor("❯ tokens.csv");
  term.keys("Enter");
  await term.waitFor("Rows 2 · Valid 2 · Rejected 0");
  term.keys("Enter");
  await term.waitFor("❯ Activate");
  if (deviceCheck) {
    term.keys("Down", "Down", "Down");
    await term.waitFor("❯ Activate with the code shown on each device");
  }
  term.keys("Enter");
  await term.waitFor("❯ Local emulator");
  term.keys("Enter");
}

/** After a no: Esc goes back to the tenant, the plan is shown again, a second no, then q. */
async function declineTwice(term: Terminal): Promise<void> {
  const declined = await term.waitFor("Esc goes back to the tenant, then the mode and the file");
  // How to go on in the flow, not the command's "pass --yes".
  if (declined.includes("--yes")) throw new Error(`The declined plan suggests --yes:\n${declined}`);
  term.keys("Escape");
  await term.waitFor("❯ Local emulator");
  term.keys("Enter");
  await term.waitFor("Go on? y/N", 30_000);
  term.keys("n");
  await term.waitFor("Nothing was written.");
  term.keys("q");
}

/** Types the code a token shows now (not in the last seconds of its step), all six digits, Enter. */
async function typeCode(term: Terminal, token: TestToken, index: number): Promise<void> {
  await term.waitFor(`token ${index} of 2`, 30_000);
  if (msLeftInStep(Date.now(), 30) < 3_000)
    await new Promise((r) => setTimeout(r, msLeftInStep(Date.now(), 30) + 100));
  term.keys(totpCode(token.seed, Date.now(), 30, "hmacsha1"));
  await term.waitFor(sixTyped);
  term.keys("Enter");
}

function fromEmulator(emulator: RunningEmulator, tokens: TestToken[]): Tenant {
  const devices = new Map(emulator.state().devices.map((d) => [d.serialNumber, d]));
  return new Map(
    tokens.map((t) => {
      const d = devices.get(t.serial);
      return [t.serial, d === undefined ? "absent" : `${d.status}:${d.holder?.userPrincipalName}`];
    }),
  );
}

/**
The guided flow's tenant lives inside the oathkit process: what it held at the end is the run's
report (every token read back); no oathkit-runs folder at all means nothing was sent.
*/
function fromReport(dir: string, tokens: TestToken[]): Tenant {
  if (!existsSync(join(dir, "oathkit-runs")))
    return new Map(tokens.map((t) => [t.serial, "absent"]));
  const [header, ...table] = latestReport(dir, "import").table;
  const [serial, upn, state] = ["serialNumber", "upn", "state"].map((c) => header!.indexOf(c));
  return new Map(table.map((r) => [r[serial!]!, `${r[state!]}:${r[upn!]}`]));
}

function classify(tenant: Tenant, tokens: TestToken[], spec: (typeof rows)[Row]): Holds {
  const start = (t: TestToken) => (spec.stocked ? `assigned:${t.upn}` : "absent");
  const done = (t: TestToken) => (spec.done === "absent" ? "absent" : `activated:${t.upn}`);
  if (tokens.every((t) => tenant.get(t.serial) === start(t))) return "untouched";
  if (tokens.every((t) => tenant.get(t.serial) === done(t))) return "done";
  return "partly";
}
