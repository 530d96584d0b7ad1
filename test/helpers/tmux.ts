import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { onTestFinished } from "vitest";

/**
A real terminal for end-to-end UI tests: the program runs in a detached tmux session of a fixed
size; tests type with send-keys and read the screen with capture-pane.
*/
export type Terminal = {
  screen(): string;
  keys(...keys: string[]): void;
  /** Waits until the screen shows `text` (a string or pattern); returns the screen. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
};

const quote = (value: string): string => `'${value.replaceAll("'", "'\\''")}'`;

export function openTerminal(
  command: string,
  options: { cwd: string; env: Record<string, string>; width?: number; height?: number },
): Terminal {
  const name = `oathkit-${randomUUID().slice(0, 8)}`;
  // A clean environment holding only what the test gives: a tmux server keeps the environment of
  // whoever started it, and a CI=true there would make ink draw nothing until exit.
  const env = Object.entries({ TERM: "xterm-256color", ...options.env })
    .map(([key, value]) => `${key}=${quote(value)}`)
    .join(" ");
  const script = `cd ${quote(options.cwd)} && env -i ${env} ${command}; echo "EXIT=$?"; sleep 600`;
  const size = ["-x", String(options.width ?? 80), "-y", String(options.height ?? 24)];
  execFileSync("tmux", ["new-session", "-d", "-s", name, ...size, script]);
  onTestFinished(() => {
    try {
      execFileSync("tmux", ["kill-session", "-t", name]);
    } catch {
      // Already gone.
    }
  });
  const screen = (): string =>
    execFileSync("tmux", ["capture-pane", "-p", "-t", name], { encoding: "utf8" });
  return {
    screen,
    keys: (...keys) => execFileSync("tmux", ["send-keys", "-t", name, ...keys]),
    async waitFor(text, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const now = screen();
        if (typeof text === "string" ? now.includes(text) : text.test(now)) return now;
        if (Date.now() > deadline)
          throw new Error(`The screen never showed ${String(text)}:\n${now}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}
