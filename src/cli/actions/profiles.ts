import { existsSync } from "node:fs";
import { accountFile } from "../../graph/account-record.js";
import { printable, printableJson } from "../../present/printable.js";
import type { CommandRun, OptionsOf } from "../command.js";
import type { profilesSections } from "../commands/profiles.js";
import { profilesFile, readProfiles } from "../profiles.js";
import { cacheFolder } from "../user-folders.js";

/** `oathkit profiles`: each saved tenant, whether a sign-in is cached, which one is selected. */
export const run: CommandRun<OptionsOf<typeof profilesSections>> = async ({ values }, io) => {
  const profiles = await readProfiles(io.env);
  const selected = io.env["OATHKIT_PROFILE"]?.trim() || null;
  const rows = Object.entries(profiles).map(([name, p]) => ({
    name,
    ...p,
    signedIn: existsSync(accountFile({ dir: cacheFolder(io.env), profile: name })),
    selected: name === selected,
  }));
  if (values.json) {
    const document = { file: profilesFile(io.env), profiles: rows };
    io.stdout.write(`${printableJson(JSON.stringify(document))}\n`);
    return 0;
  }
  if (rows.length === 0) {
    const line = `No profiles in ${profilesFile(io.env)}. Create one with \`oathkit login --profile <name> --tenant <id>\`.`;
    io.stdout.write(`${printable(line)}\n`);
    return 0;
  }
  const lines = rows.map(
    (r) =>
      `${r.selected ? "*" : " "} ${r.name}  tenant ${r.tenant ?? "(env)"}  auth ${r.auth ?? "(default)"}` +
      `${r.clientId === undefined ? "" : `  client ${r.clientId}`}` +
      `${r.graphUrl === undefined ? "" : `  graph ${r.graphUrl}`}  ${r.signedIn ? "signed in" : "not signed in"}`,
  );
  const footer = `(${profilesFile(io.env)}; * = OATHKIT_PROFILE)`;
  io.stdout.write([...lines, footer].map((l) => `${printable(l)}\n`).join(""));
  return 0;
};
