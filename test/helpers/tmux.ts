import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { onTestFinished } from "vitest";
import type { OnFinished } from "./temp-dir.js";

/**
A real terminal for end-to-end UI tests: the program runs in a detached tmux session of a fixed
size; tests type with send-keys and read the screen with capture-pane.
*/
export type Terminal = {
  screen(): string;
  /** The screen and every line scrolled off it. */
  history(): string;
  keys(...keys: string[]): void;
  /** Waits until the screen shows `text` (a string or pattern); returns the screen. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Waits until the program has ended; its exit code and the last screen. */
  exited(timeoutMs?: number): Promise<{ code: number; screen: string }>;
};

const quote = (value: string): string => `'${value.replaceAll("'", "'\\''")}'`;

export function openTerminal(
  command: string,
  options: {
    cwd: string;
    env: Record<string, string>;
    width?: number;
    height?: number;
    /** Concurrent tests pass their context's `onTestFinished`. */
    onFinished?: OnFinished;
  },
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
  (options.onFinished ?? onTestFinished)(() => {
    try {
      execFileSync("tmux", ["kill-session", "-t", name]);
    } catch {
      // Already gone.
    }
  });
  const screen = (): string =>
    execFileSync("tmux", ["capture-pane", "-p", "-t", name], { encoding: "utf8" });
  const waitFor = async (text: string | RegExp, timeoutMs = 20_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = screen();
      if (typeof text === "string" ? now.includes(text) : text.test(now)) return now;
      if (Date.now() > deadline)
        throw new Error(`The screen never showed ${String(text)}:\n${now}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    screen,
    history: () =>
      execFileSync("tmux", ["capture-pane", "-p", "-S", "-", "-t", name], { encoding: "utf8" }),
    keys: (...keys) => execFileSync("tmux", ["send-keys", "-t", name, ...keys]),
    waitFor,
    async exited(timeoutMs = 30_000) {
      const last = await waitFor(/^EXIT=\d+$/mu, timeoutMs);
      const code = Number(/^EXIT=(\d+)$/mu.exec(last)?.[1]);
      return { code, screen: last.replace(/^EXIT=\d+$/mu, "").trimEnd() };
    },
  };
}
