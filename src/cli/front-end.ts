import { onTerminal } from "./confirm-write.js";
import type { CliIo } from "./io.js";

/**
How a command shows its work, decided here and nowhere else:
- `screen`: the ink screens — stdout and stdin are terminals and `--json` is off;
- `device-check`: `activate --from-device` on a terminal: the device-check screen owns it, while
  the run's plain lines wait on stderr until it closes;
- `json`: NDJSON events (or one JSON document), whatever stdout is;
- `lines`: plain lines, no ANSI codes — a pipe, a file, a terminal that is not interactive.
*/
export type FrontEnd = "screen" | "device-check" | "json" | "lines";

export function chooseFrontEnd(
  io: Pick<CliIo, "stdin" | "stdout">,
  asked: { json: boolean; fromDevice?: boolean },
): FrontEnd {
  if (asked.json) return "json";
  if (!onTerminal(io, false)) return "lines";
  return asked.fromDevice === true ? "device-check" : "screen";
}
