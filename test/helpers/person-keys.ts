import { msLeftInStep, totpCode } from "../../src/totp.js";
import type { TestToken } from "./e2e.js";
import type { How, Row } from "./person.js";
import type { Terminal } from "./tmux.js";

/*
The keys a person types in test/e2e/person-matrix.test.ts's cells, screen by screen.
*/

/** The masked code field holding all six digits: Enter sent sooner would be typed into it. */
const sixTyped = /Code shown on the token: \*{6}$/mu;

/** The keys a person types for `how`, up to the end of the program. */
export async function person(
  term: Terminal,
  row: Row,
  how: How,
  tokens: TestToken[],
): Promise<void> {
  if (how === "| tee") return;
  const readline = row === "remove" || row === "activate --from-device";
  // One key answers every question (y yes; n, Enter or Esc no), the plan screen's and the line's.
  const answer = (key: "y" | "n") => term.keys(key);
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
