import { describe, expect, it } from "vitest";
import { execFile, spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { tempDir } from "../helpers/temp-dir.js";

const root = join(import.meta.dirname, "../..");
const node = join(root, "node_modules/.bin/node");
const cli = join(root, "dist/cli.js");

// Signs in with the real @azure/identity and reads a user, trusting the CA only through
// NODE_EXTRA_CA_CERTS, as a script pointed at a standalone emulator would.
const childScript = `
import { ClientSecretCredential } from "@azure/identity";
const [url, tenant, clientId] = process.argv.slice(1);
const credential = new ClientSecretCredential(tenant, clientId, process.env.AZURE_CLIENT_SECRET, {
  authorityHost: url, disableInstanceDiscovery: true });
const { token } = await credential.getToken("https://graph.microsoft.com/.default");
const response = await fetch(url + "/beta/users/adele.vance@contoso.example?$select=userPrincipalName", {
  headers: { authorization: "Bearer " + token } });
console.log(JSON.stringify({ status: response.status, body: await response.json() }));
`;

describe("oathkit emulator as a process", () => {
  it("prints one JSON line, serves a child that trusts its CA via NODE_EXTRA_CA_CERTS, and stops on SIGTERM", async () => {
    if (!existsSync(cli))
      throw new Error("dist/cli.js is missing: run `npm run build` first (npm test does).");
    const certDir = tempDir();
    const emulator = spawn(
      node,
      [cli, "emulator", "--port", "0", "--json", "--cert-dir", certDir],
      {
        cwd: tmpdir(),
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const exited = new Promise<number | null>((resolve) =>
      emulator.on("exit", (code) => resolve(code)),
    );
    try {
      const lines = createInterface({ input: emulator.stdout });
      const first = await new Promise<string>((resolve) => lines.once("line", resolve));
      const ready = JSON.parse(first) as Record<string, string | number>;
      expect(Object.keys(ready)).toEqual([
        "url",
        "port",
        "ca",
        "tenant",
        "clientId",
        "clientSecret",
      ]);
      expect(ready["url"]).toBe(`https://127.0.0.1:${ready["port"]}`);

      const { stdout } = await promisify(execFile)(
        node,
        [
          "--input-type=module",
          "-e",
          childScript,
          String(ready["url"]),
          String(ready["tenant"]),
          String(ready["clientId"]),
        ],
        {
          cwd: root,
          env: {
            ...process.env,
            NODE_EXTRA_CA_CERTS: String(ready["ca"]),
            AZURE_CLIENT_SECRET: String(ready["clientSecret"]),
          },
        },
      );
      expect(JSON.parse(stdout)).toEqual({
        status: 200,
        body: expect.objectContaining({ userPrincipalName: "adele.vance@contoso.example" }),
      });
    } finally {
      emulator.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });

  it("prints commands that can be pasted as they are (npm run form), or writes them to --write-env", async () => {
    const certDir = tempDir();
    const home = tempDir();
    const envFile = join(home, "emulator.env");
    const start = (...extra: string[]) =>
      spawn(node, [cli, "emulator", "--port", "0", "--cert-dir", certDir, ...extra], {
        cwd: home,
        // As `npm run oathkit -- emulator` in a clone: the lines shown are for that clone.
        env: { ...process.env, npm_package_name: "oathkit" },
        stdio: ["ignore", "pipe", "pipe"],
      });
    const untilStops = async (child: ReturnType<typeof start>) => {
      let text = "";
      for await (const chunk of child.stdout) {
        text += String(chunk);
        if (text.includes("Ctrl-C stops")) break;
      }
      return text;
    };
    // Pasted into a shell in the oathkit folder, as the user would.
    const paste = (lines: string) =>
      promisify(execFile)("bash", ["-c", `set -e\n${lines}`], {
        cwd: root,
        env: { PATH: process.env["PATH"] ?? "", HOME: home },
      });

    const plain = start();
    try {
      const shown = await untilStops(plain);
      const commands = shown.split("\n").filter((l) => /^(export |npm run oathkit -- )/u.test(l));
      expect(commands.map((l) => l.split(" ")[0])).toEqual([
        ...Array(5).fill("export"),
        "npm",
        "npm",
      ]);
      for (const line of commands) expect(line.length).toBeLessThanOrEqual(80);
      expect(shown).not.toContain("behaves with"); // a quiet tenant: nothing to say
      const list = commands.filter((l) => !l.includes(" import "));
      const { stdout } = await paste(list.join("\n"));
      expect(stdout).toMatch(/0 tokens/u);
    } finally {
      plain.kill("SIGTERM");
    }

    const withFile = start("--write-env", envFile, "--write-rate", "5", "--clock-skew-sec=-20");
    try {
      const shown = await untilStops(withFile);
      // The settings that make it misbehave are repeated where the admin reads the URL.
      expect(shown).toMatch(/^ {2}behaves with +5 writes\/s, clock -20 s$/mu);
      expect(shown).toContain(`Wrote ${envFile} (mode 0600). It holds the client secret`);
      expect(statSync(envFile).mode & 0o777).toBe(0o600);
      const list = shown.split("\n").find((l) => l.startsWith("npm run oathkit -- list "))!;
      const { stdout } = await paste(`. ${envFile}\n${list}`);
      expect(stdout).toMatch(/0 tokens/u);
    } finally {
      withFile.kill("SIGTERM");
    }
    const again = start("--write-env", envFile);
    const code = await new Promise((resolve) => again.on("exit", resolve));
    expect(code).toBe(2);
  }, 60_000);

  it("passes the sign-in, consent and policy flags through, and tells a waiting sign-in on stderr with --json", async () => {
    const certDir = tempDir();
    const pilot = "6a7d2b1e-3c4f-4e58-9a0b-1c2d3e4f5a6b"; // samples/users.json's group
    const args = ["--consented-scopes", "User.Read, Policy.Read.All", "--policy-state", "disabled"];
    const emulator = spawn(
      node,
      [
        cli,
        "emulator",
        "--port",
        "0",
        "--json",
        "--cert-dir",
        certDir,
        ...args,
        "--policy-include",
        pilot,
      ],
      { cwd: tmpdir(), stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = new Promise<number | null>((resolve) => emulator.on("exit", (c) => resolve(c)));
    try {
      const first = await new Promise<string>((resolve) =>
        createInterface({ input: emulator.stdout }).once("line", resolve),
      );
      const ready = JSON.parse(first) as { url: string; tenant: string; ca: string };
      const stderr = createInterface({ input: emulator.stderr });
      const prompt = new Promise<string>((resolve) => stderr.once("line", resolve));
      const { stdout } = await promisify(execFile)(
        node,
        ["--input-type=module", "-e", deviceCodeScript, ready.url, ready.tenant],
        { cwd: root, env: { ...process.env, NODE_EXTRA_CA_CERTS: ready.ca } },
      );
      const code = JSON.parse(stdout) as { user_code: string };
      expect(await prompt).toBe(
        `Sign-in waiting: open ${ready.url}/devicelogin and enter the code ${code.user_code}.`,
      );
      const state = JSON.parse(
        (
          await promisify(execFile)(node, ["--input-type=module", "-e", stateScript, ready.url], {
            cwd: root,
            env: { ...process.env, NODE_EXTRA_CA_CERTS: ready.ca },
          })
        ).stdout,
      ) as { policy: Record<string, unknown> };
      expect(state.policy).toMatchObject({
        state: "disabled",
        includeTargets: [{ targetType: "group", id: pilot, isRegistrationRequired: false }],
      });
    } finally {
      emulator.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });

  it("refuses an unknown --sign-in-as and a bad --policy-state in plain words", async () => {
    for (const extra of [
      ["--sign-in-as", "nobody@contoso.example"],
      ["--policy-state", "on"],
    ]) {
      const result = await promisify(execFile)(node, [cli, "emulator", "--port", "0", ...extra], {
        cwd: tmpdir(),
      }).then(
        () => ({ code: 0, stderr: "" }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/--sign-in-as nobody@contoso.example|--policy-state takes/u);
    }
  });
});

const deviceCodeScript = `
const [url, tenant] = process.argv.slice(1);
const response = await fetch(url + "/" + tenant + "/oauth2/v2.0/devicecode", {
  method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
  body: "client_id=14d82eec-204b-4c2f-b7e8-296a70dab67e&scope=User.Read" });
console.log(JSON.stringify(await response.json()));
`;

const stateScript = `
const response = await fetch(process.argv[1] + "/_emulator/state");
console.log(JSON.stringify(await response.json()));
`;
