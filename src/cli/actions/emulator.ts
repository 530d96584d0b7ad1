import { existsSync } from "node:fs";
import { resolve } from "node:path";
import {
  policyFromFlags,
  sampleUsersFile,
  signInPromptText,
  startEmulator,
  type EmulatorOptions,
} from "../../emulator/index.js";
import { UsageError } from "../../errors.js";
import { writePrivateFile } from "../../files/private-file.js";
import {
  behaviourOf,
  describeEmulator,
  envFileText,
  readerOf,
} from "../../present/emulator-instructions.js";
import type { CommandRun, OptionsOf } from "../command.js";
import type { emulatorSections } from "../commands/emulator.js";

/** `oathkit emulator`: start it, say how to use it, serve until SIGINT or SIGTERM. */
export const run: CommandRun<OptionsOf<typeof emulatorSections>> = async ({ values }, io) => {
  const { json, force } = values;
  const envFile = values["write-env"];
  const emulatorOptions: EmulatorOptions = {
    port: values.port,
    usersFile: values.users ?? sampleUsersFile,
    latencyMs: values["latency-ms"],
    writeRate: values["write-rate"],
    faultRate: values["fault-rate"],
    faultKinds: values["fault-kinds"],
    clockSkewSec: values["clock-skew-sec"],
    tokenTtlSec: values["token-ttl-sec"],
    pageSize: values["page-size"],
    seed: values.seed,
    ...(values["cert-dir"] === undefined ? {} : { certDir: values["cert-dir"] }),
    autoApprove: values["auto-approve"],
    ...optional("signInAs", values["sign-in-as"]),
    ...optional("consentedScopes", values["consented-scopes"]),
    ...optional("appRoles", values["app-roles"]),
    ...optional(
      "policy",
      policyFromFlags(values["policy-state"], values["policy-include"], values["policy-exclude"]),
    ),
  };
  const envPath = envFile === undefined ? undefined : resolve(io.cwd, envFile);
  if (envPath !== undefined && !force && existsSync(envPath))
    throw new UsageError(`${envPath} already exists; oathkit does not overwrite a file silently.`, {
      hint: "Choose another --write-env path, or pass --force to replace it.",
    });
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
      await writePrivateFile(envPath, envFileText(endpoint, readerOf(io.env)), { replace: force });
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
    const behaviour = behaviourOf(emulatorOptions);
    io.stdout.write(describeEmulator(endpoint, users, envPath, readerOf(io.env), behaviour));
  }
  await signal;
  await emulator.stop();
  if (!json) io.stdout.write("oathkit emulator stopped.\n");
  return 0;
};

/** `{key: value}` when the value is given, else nothing (exact optional properties). */
const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

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
