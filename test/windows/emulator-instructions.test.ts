import { describe, expect, it } from "vitest";
import {
  describeEmulator,
  envFileText,
  readerOf,
} from "../../src/present/emulator-instructions.js";

const endpoint = {
  url: "https://127.0.0.1:8443",
  caFile: "C:\\Users\\adele\\AppData\\Local\\oathkit\\emulator\\ca.pem",
  tenantId: "00000000-0000-4000-8000-0000000e1a7e",
  clientId: "00000000-0000-4000-8000-00000000c11e",
  clientSecret: "it's-a-secret",
};
const users = "C:\\oathkit\\samples\\users.json";

describe("what `oathkit emulator` tells a Windows user (PowerShell)", () => {
  const reader = readerOf({}, "win32");

  it("sets each variable with $env: and a quoted string, and runs `oathkit`, not npm", () => {
    const text = describeEmulator(endpoint, users, undefined, reader);
    expect(text).toContain(
      "\n$env:NODE_EXTRA_CA_CERTS = 'C:\\Users\\adele\\AppData\\Local\\oathkit\\emulator\\ca.pem'\n",
    );
    expect(text).toContain("\n$env:AZURE_TENANT_ID = '00000000-0000-4000-8000-0000000e1a7e'\n");
    expect(text).toContain("\n$env:AZURE_CLIENT_SECRET = 'it''s-a-secret'\n");
    expect(text).toContain("\noathkit list --graph-url https://127.0.0.1:8443\n");
    expect(text).toContain("\nIn another terminal, paste these lines");
    expect(text).not.toMatch(/^export |npm run|oathkit folder/mu);
  });

  it("writes --write-env for PowerShell and loads it whatever the execution policy", () => {
    const file = "C:\\Users\\adele\\emulator env.ps1";
    const text = describeEmulator(endpoint, users, file, reader);
    expect(text).toContain(
      "\nGet-Content -Raw 'C:\\Users\\adele\\emulator env.ps1' | Invoke-Expression\n",
    );
    const env = envFileText(endpoint, reader);
    expect(env.split("\n").filter((l) => l.startsWith("$env:"))).toHaveLength(5);
    expect(env).not.toMatch(/^export /mu);
  });

  it("keeps the POSIX lines, and the clone's npm form only from a clone", () => {
    const installed = describeEmulator(endpoint, users, undefined, readerOf({}, "linux"));
    expect(installed).toContain("\nexport AZURE_CLIENT_SECRET='it'\\''s-a-secret'\n");
    expect(installed).toContain("\noathkit import tokens.csv --graph-url https://127.0.0.1:8443\n");
    const clone = describeEmulator(
      endpoint,
      users,
      undefined,
      readerOf({ npm_package_name: "oathkit" }, "linux"),
    );
    expect(clone).toContain("\nnpm run oathkit -- import samples/graph.csv --graph-url");
    // Started with `npm --prefix <clone>` from another folder: commands that work from anywhere.
    const elsewhere = describeEmulator(
      endpoint,
      users,
      undefined,
      readerOf(
        {
          npm_package_name: "oathkit",
          npm_package_json: "/opt/oathkit/package.json",
          INIT_CWD: "/home/adele",
        },
        "linux",
      ),
    );
    expect(elsewhere).toContain(
      "\nnpm --prefix /opt/oathkit run oathkit -- import /opt/oathkit/samples/graph.csv --graph-url",
    );
    expect(elsewhere).not.toContain("oathkit folder");
  });
});
