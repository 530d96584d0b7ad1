import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

/**
No core dump while seeds are in memory: a crash would otherwise write the process's memory —
decoded seeds, the PSKC key, the password — to a core file or a crash collector.

Node has no setrlimit and no prctl(PR_SET_DUMPABLE), and a native addon is not worth its build for
this. On Linux, util-linux's `prlimit` sets another process's limits (prlimit(2) is allowed on
a process of the same user): oathkit runs it once on itself with RLIMIT_CORE 0 (soft and hard), then
reads /proc/self/limits to know it took effect. systemd-coredump and the kernel both honour a core
limit of 0. Elsewhere (macOS, Windows, Linux without prlimit) nothing is possible from Node, and
nothing is pretended: the state is "unavailable", and docs/seed-files.md says what to do
(`ulimit -c 0` in the shell that runs oathkit). PR_SET_DUMPABLE stays out of reach, so a process of
the same user could still read this one's memory (ptrace, /proc/<pid>/mem) where the system allows it.
*/
export type CoreDumpState = "disabled" | "unavailable";

/** Fixed paths: never whatever `prlimit` comes first on PATH. */
const prlimitPaths = ["/usr/bin/prlimit", "/bin/prlimit"];

let state: CoreDumpState | undefined;

export function disableCoreDumps(): CoreDumpState {
  state ??= tryDisable();
  return state;
}

function tryDisable(): CoreDumpState {
  if (process.platform !== "linux") return "unavailable";
  const prlimit = prlimitPaths.find((p) => existsSync(p));
  if (prlimit === undefined) return "unavailable";
  try {
    execFileSync(prlimit, ["--pid", String(process.pid), "--core=0:0"], {
      stdio: "ignore",
      timeout: 5_000,
      env: {},
    });
    return coreLimitIsZero() ? "disabled" : "unavailable";
  } catch {
    return "unavailable";
  }
}

/** `Max core file size  0  0  bytes` in /proc/self/limits: soft and hard both 0. */
export function coreLimitIsZero(limits = readFileSync("/proc/self/limits", "utf8")): boolean {
  return /^Max core file size\s+0\s+0\s/mu.test(limits);
}
