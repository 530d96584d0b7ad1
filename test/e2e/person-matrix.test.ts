import { describe, it } from "vitest";
import { findSecrets, secretsOf } from "../helpers/e2e.js";
import { findTraces } from "../helpers/traces.js";
import { play, type Holds, type How, type Row } from "../helpers/person.js";

/*
Every command that writes to a tenant, run the way a person runs it: in a real terminal (tmux)
answering y or n, or pressing Ctrl-C at the question or in the middle of the run; and piped, with
and without --yes. Each cell: the exit code (the README's exit-code table), what the tenant holds
afterwards (each cell has a tenant of its own, two tokens, two users), and a sentence the screen
must show. On every screen and in every file the run wrote: no stack trace, no seed, no code.

"Tenant afterwards": untouched = as the command found it (import: no token; activate and remove:
both tokens assigned); done = both activated to their users (remove: both gone); partly = some of
each. The guided flow's tenant is its own emulator, inside the oathkit process: the run's report
(every token read back) says what it held, and no report at all means nothing was sent.
*/

/** On stderr, with nothing on stdout: refused before the file is read or anyone signs in. */
const refused = /^\nNothing was written: pass --yes to confirm off a terminal\.\n/u;
/** With --json the refusal is also one JSON document on stdout, before the sentence on stderr. */
const refusedJson =
  /^\{"error":\{"code":"usage","message":"Nothing was written: pass --yes to confirm off a terminal\.".*\}\}\n\nNothing was written: pass --yes/u;
const declined = "Nothing was written: the plan was not confirmed.";
const stopped = "Stopped at the question; nothing was written.";
const needsTerminal = "--from-device needs a terminal: the codes are typed off each token.";

// prettier-ignore
const matrix: Array<[Row, How, number, Holds, string | RegExp]> = [
  // command                 how                      exit tenant       the screen shows
  ["import",                 "y",                     0,   "done",      "Import finished: 2 tokens done."],
  ["import",                 "n",                     2,   "untouched", declined],
  ["import",                 "^C at the question",    130, "untouched", stopped],
  ["import",                 "^C mid-run",            130, "partly",    /M00002 +user2@contoso\.example +not attempted/u],
  ["import",                 "piped --yes",           0,   "done",      "2 rows: 2 activated"],
  ["import",                 "piped",                 2,   "untouched", refused],
  ["import",                 "piped --json",          2,   "untouched", refusedJson],
  ["import",                 "| tee",                 2,   "untouched", "Nothing was written: pass --yes to confirm off a terminal."],
  ["import",                 "piped --dry-run",       0,   "untouched", "Dry run: nothing was written"],
  ["activate",               "y",                     0,   "done",      "Activation finished: 2 tokens done."],
  ["activate",               "n",                     2,   "untouched", declined],
  ["activate",               "^C at the question",    130, "untouched", stopped],
  ["activate",               "^C mid-run",            130, "partly",    /M00002 +user2@contoso\.example +not attempted/u],
  ["activate",               "piped --yes",           0,   "done",      "2 rows: 2 activated"],
  ["activate",               "piped",                 2,   "untouched", refused],
  ["activate --from-device", "y",                     0,   "done",      "2 rows: 2 activated"],
  ["activate --from-device", "n",                     2,   "untouched", declined],
  ["activate --from-device", "^C at the question",    130, "untouched", stopped],
  ["activate --from-device", "^C mid-run",            130, "partly",    "1 activated"],
  ["activate --from-device", "piped --yes",           2,   "untouched", needsTerminal],
  ["activate --from-device", "piped",                 2,   "untouched", needsTerminal],
  ["remove",                 "y",                     0,   "done",      "Done: 2 deleted"],
  ["remove",                 "n",                     2,   "untouched", declined],
  ["remove",                 "^C at the question",    130, "untouched", /M00002 +unassign from user2@contoso\.example, then delete\nTenant [0-9a-f-]{36} at 127\.0\.0\.1:\d+, signed in[^]*?\nUnassign 2 and delete 2 tokens\? \[y\/N\]/u],
  ["remove",                 "^C mid-run",            130, "partly",    "Stopped: 0 deleted, 1 unassigned, 0 already gone, 0 failed, 1 not attempted."],
  ["remove",                 "piped --yes",           0,   "done",      "Done: 2 deleted"],
  ["remove",                 "piped",                 2,   "untouched", refused],
  ["remove",                 "piped --json",          2,   "untouched", refusedJson],
  ["remove",                 "piped --dry-run",       0,   "untouched", "Dry run: nothing was written."],
  ["guided flow",            "y",                     0,   "done",      /Report {4}oathkit-runs\/tokens-[0-9a-f]{8}\/import-\d{8}T\d{6}Z\.csv\n/u],
  ["guided flow",            "n",                     2,   "untouched", "Nothing was written."],
  ["guided flow",            "^C at the question",    130, "untouched", "Stopped before the plan was confirmed; nothing was written."],
  ["guided flow",            "^C mid-run",            130, "partly",    "Import stopped before the end."],
  ["guided flow",            "y, ^C at the summary",  130, "done",      "Import finished: 2 tokens done."],
  ["guided flow",            "piped --yes",           2,   "untouched", "unknown option --yes"],
  ["guided flow",            "piped",                 2,   "untouched", "opens the guided flow, which needs a terminal"],
];

describe.concurrent("a person at each command that writes", () => {
  it.for(matrix)("%s, %s → exit %i, tenant %s", async ([row, how, exit, holds, shows], t) => {
    const played = await play(row, how, t.onTestFinished);
    const secrets = secretsOf(played.tokens);
    t.expect({ exit: played.code, tenant: played.holds }, played.screen).toEqual({
      exit,
      tenant: holds,
    });
    t.expect(played.screen).toMatch(shows);
    t.expect(findTraces({ screen: played.screen, files: played.files })).toEqual([]);
    // Nothing written means no file either: no report, no journal.
    if (holds === "untouched") t.expect(played.files).toBe("");
    t.expect(findSecrets({ screen: played.screen, files: played.files }, secrets)).toEqual([]);
  });
});
