import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { UsageError } from "../../errors.js";
import type { EmulatorOptions } from "../../emulator/index.js";
import { writePrivateFile } from "../../files/private-file.js";
import {
  defaultCertDir,
  faultKinds,
  policyFromFlags,
  sampleUsersFile,
  signInPromptText,
  startEmulator,
} from "../../emulator/index.js";
import { helpPointer, parseCommandArgs } from "../args.js";
import { describeEmulator, envFileText } from "../emulator-instructions.js";
import type { CliIo, Command } from "../io.js";
import { decimalFlag, wholeNumberFlag } from "../number-flags.js";

const help = `Usage: oathkit emulator [options]

A local Entra ID + Microsoft Graph stand-in over HTTPS on 127.0.0.1 (docs/emulator.md).

Options:
  --port N              TCP port; 0 picks a free one (default 0)
  --users FILE          users of the tenant (default: the package's samples/users.json)
  --latency-ms N        delay added to every request (default 0)
  --write-rate N        writes per second before 429 + Retry-After; 0 = unlimited (default 0)
  --fault-rate P        probability 0..1 that a write gets a fault (default 0)
  --fault-kinds LIST    faults to draw from: 503,lost,reset (default all three)
  --clock-skew-sec N    the emulator's clock offset, in Date headers and code checks (default 0)
  --token-ttl-sec N     lifetime of access tokens (default 3600)
  --page-size N         collection page size without $top (default 100)
  --seed N              seed of the fault PRNG (default 1)
  --cert-dir DIR        where the local CA is kept (default ${defaultCertDir()})
  --write-env PATH      also write the environment for oathkit to PATH (mode 0600; it holds the
                        client secret), to load with \`. PATH\` in another terminal
  --force               replace an existing --write-env file
  --json                print one JSON line {url,port,ca,tenant,clientId,clientSecret} when ready
  --auto-approve        complete device code and browser sign-ins at once (no approval page)
  --sign-in-as UPN      who signs in (default: the users file's first user with a directory role)
  --consented-scopes L  delegated permissions a signed-in token may carry, comma-separated
  --app-roles LIST      application permissions of app tokens (default: all oathkit needs)
  --policy-state S      the hardware OATH policy: enabled or disabled (default: users file)
  --policy-include L    group ids (or all_users) the policy targets, comma-separated
  --policy-exclude L    group ids the policy excludes, comma-separated

Examples:
  oathkit emulator --port 8443
  oathkit emulator --port 8443 --write-env emulator.env --write-rate 20 --fault-rate 0.05
`;

const options = {
  port: { type: "string" },
  users: { type: "string" },
  "latency-ms": { type: "string" },
  "write-rate": { type: "string" },
  "fault-rate": { type: "string" },
  "fault-kinds": { type: "string" },
  "clock-skew-sec": { type: "string" },
  "token-ttl-sec": { type: "string" },
  "page-size": { type: "string" },
  seed: { type: "string" },
  "cert-dir": { type: "string" },
  "write-env": { type: "string" },
  force: { type: "boolean" },
  json: { type: "boolean" },
  "auto-approve": { type: "boolean" },
  "sign-in-as": { type: "string" },
  "consented-scopes": { type: "string" },
  "app-roles": { type: "string" },
  "policy-state": { type: "string" },
  "policy-include": { type: "string" },
  "policy-exclude": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** A comma-separated list flag: trimmed, empty entries dropped, at least one entry. */
const listFlag = (flag: string) =>
  z
    .string()
    .transform((text) =>
      text
        .split(",")
        .map((v) => v.trim())
        .filter((v) => v !== ""),
    )
    .pipe(z.array(z.string()).min(1, `${flag} needs at least one entry`));

const faultKindsMessage = `--fault-kinds takes a list of ${faultKinds.join(", ")}, separated by commas`;

const schema = z.object({
  port: wholeNumberFlag("--port", { min: 0, max: 65535 }).default(0),
  users: z.string().min(1, "--users needs a file").default(sampleUsersFile),
  "latency-ms": wholeNumberFlag("--latency-ms", { min: 0 }).default(0),
  "write-rate": decimalFlag("--write-rate", { min: 0 }).default(0),
  "fault-rate": decimalFlag("--fault-rate", { min: 0, max: 1 }).default(0),
  "fault-kinds": z
    .string()
    .default(faultKinds.join(","))
    .transform((text) => text.split(",").map((k) => k.trim()))
    .pipe(
      z
        .array(z.enum(["503", "lost", "reset"], { error: faultKindsMessage }))
        .min(1, faultKindsMessage),
    ),
  "clock-skew-sec": wholeNumberFlag("--clock-skew-sec", { min: -86_400, max: 86_400 }).default(0),
  "token-ttl-sec": wholeNumberFlag("--token-ttl-sec", { min: 1 }).default(3600),
  "page-size": wholeNumberFlag("--page-size", { min: 1, max: 999 }).default(100),
  seed: wholeNumberFlag("--seed", { min: 0 }).default(1),
  "cert-dir": z.string().min(1, "--cert-dir needs a folder").optional(),
  "write-env": z.string().min(1, "--write-env needs a path").optional(),
  force: z.boolean().default(false),
  json: z.boolean().default(false),
  "auto-approve": z.boolean().default(false),
  "sign-in-as": z.string().min(1, "--sign-in-as needs a user principal name").optional(),
  "consented-scopes": listFlag("--consented-scopes").optional(),
  "app-roles": listFlag("--app-roles").optional(),
  "policy-state": z
    .enum(["enabled", "disabled"], { error: "--policy-state takes enabled or disabled" })
    .optional(),
  "policy-include": listFlag("--policy-include").optional(),
  "policy-exclude": listFlag("--policy-exclude").optional(),
});

/** `{key: value}` when the value is given, else nothing (exact optional properties). */
const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

type Parsed = {
  emulator: EmulatorOptions;
  json: boolean;
  envFile: string | undefined;
  force: boolean;
  help: boolean;
};

function parse(args: readonly string[]): Parsed {
  const { values } = parseCommandArgs("emulator", args, options, false);
  const { help, ...rest } = values;
  const parsed = schema.safeParse(rest);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "an option has a value oathkit cannot use";
    throw new UsageError(`${message}. ${helpPointer("emulator")}`);
  }
  const o = parsed.data;
  return {
    emulator: {
      port: o.port,
      usersFile: o.users,
      latencyMs: o["latency-ms"],
      writeRate: o["write-rate"],
      faultRate: o["fault-rate"],
      faultKinds: o["fault-kinds"],
      clockSkewSec: o["clock-skew-sec"],
      tokenTtlSec: o["token-ttl-sec"],
      pageSize: o["page-size"],
      seed: o.seed,
      ...(o["cert-dir"] === undefined ? {} : { certDir: o["cert-dir"] }),
      autoApprove: o["auto-approve"],
      ...optional("signInAs", o["sign-in-as"]),
      ...optional("consentedScopes", o["consented-scopes"]),
      ...optional("appRoles", o["app-roles"]),
      ...optional(
        "policy",
        policyFromFlags(o["policy-state"], o["policy-include"], o["policy-exclude"]),
      ),
    },
    json: o.json,
    envFile: o["write-env"],
    force: o.force,
    help: help === true,
  };
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

export const emulatorCommand: Command = {
  name: "emulator",
  usage: "emulator [--port N] [--json]",
  summary: "local Entra + Graph stand-in (HTTPS) for trials and tests",
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const options = parse(args);
    if (options.help) {
      io.stdout.write(help);
      return 0;
    }
    const { json, envFile, force, emulator: emulatorOptions } = options;
    const envPath = envFile === undefined ? undefined : resolve(io.cwd, envFile);
    if (envPath !== undefined && !force && existsSync(envPath))
      throw new UsageError(
        `${envPath} already exists; oathkit does not overwrite a file silently.`,
        {
          hint: "Choose another --write-env path, or pass --force to replace it.",
        },
      );
    // A sign-in waiting for approval is told on stdout, or on stderr with --json (one JSON line).
    const prompts = json ? io.stderr : io.stdout;
    const emulator = await startEmulator({
      ...emulatorOptions,
      onSignInWaiting: (p) => prompts.write(signInPromptText(p)),
    });
    const signal = untilSignal();
    const endpoint = {
      url: emulator.url,
      caFile: emulator.caFile,
      tenantId: emulator.tenantId,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
    };
    try {
      if (envPath !== undefined)
        await writePrivateFile(envPath, envFileText(endpoint), { replace: force });
    } catch (error) {
      await emulator.stop();
      throw error;
    }
    if (json) {
      const line = {
        url: emulator.url,
        port: emulator.port,
        ca: emulator.caFile,
        tenant: emulator.tenantId,
        clientId: emulator.clientId,
        clientSecret: emulator.clientSecret,
      };
      io.stdout.write(`${JSON.stringify(line)}\n`);
    } else {
      const users = emulatorOptions.usersFile ?? sampleUsersFile;
      io.stdout.write(describeEmulator(endpoint, users, envPath));
    }
    await signal;
    await emulator.stop();
    if (!json) io.stdout.write("oathkit emulator stopped.\n");
    return 0;
  },
};
