import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
A stand-in for the person's web browser, for InteractiveBrowserCredential. @azure/identity opens
the authorize URL with the `open` package, which on Linux runs xdg-open, which runs `$BROWSER`
when no desktop is detected (no DISPLAY, no XDG_CURRENT_DESKTOP). This script is that browser: it
loads the URL with the emulator's CA, approves the page when there is one (as a person pressing
Approve would), and follows the redirect to the loopback URI where MSAL waits for the code.
Nothing is mocked: the real xdg-open, the real MSAL loopback server, the real emulator.
*/
const nodeBin = resolve(import.meta.dirname, "../../node_modules/.bin/node");

const script = `
const [url, decision = "approve"] = process.argv.slice(2);
let response = await fetch(url, { redirect: "manual" });
if (response.status === 200) {
  const page = await response.text();
  const request = /name="request" value="([^"]+)"/u.exec(page)?.[1] ?? "";
  const upn = /<option value="([^"]+)" selected>/u.exec(page)?.[1] ?? "";
  const action = /<form method="post" action="([^"]+)"/u.exec(page)?.[1] ?? "";
  response = await fetch(new URL(action, url), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ request, upn, decision }).toString(),
  });
}
const location = response.headers.get("location");
if (location !== null) await fetch(location, { redirect: "manual" });
`;

let launcher: string | undefined;

/**
The browser: one for every test process (each file written whole, then renamed into place), instead
of a folder left behind per call.
*/
function browserLauncher(): string {
  if (launcher !== undefined) return launcher;
  const dir = join(tmpdir(), "oathkit-test-browser");
  mkdirSync(dir, { recursive: true });
  const place = (name: string, text: string, mode: number): string => {
    const path = join(dir, name);
    writeFileSync(`${path}.${process.pid}`, text, { mode });
    renameSync(`${path}.${process.pid}`, path);
    return path;
  };
  const browser = place("browser.mjs", script, 0o644);
  launcher = place("browser", `#!/bin/sh\nexec "${nodeBin}" "${browser}" "$1"\n`, 0o755);
  return launcher;
}

/** Writes the browser and returns the environment that makes xdg-open use it. */
export function fakeBrowserEnv(caFile: string): Record<string, string | undefined> {
  return {
    BROWSER: browserLauncher(),
    NODE_EXTRA_CA_CERTS: caFile,
    DISPLAY: undefined,
    WAYLAND_DISPLAY: undefined,
    XDG_CURRENT_DESKTOP: undefined,
    DESKTOP_SESSION: undefined,
    KDE_FULL_SESSION: undefined,
    GNOME_DESKTOP_SESSION_ID: undefined,
  };
}

/** Runs `body` with `env` applied to process.env (xdg-open inherits it), then restores it. */
export async function withEnv<T>(
  env: Record<string, string | undefined>,
  body: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>): void => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(env);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}
