import { existsSync } from "node:fs";
import { accountFile, forgetAccount } from "../../graph/account-record.js";
import { clearTokenCache, tokenCacheFiles } from "../../graph/token-cache.js";
import { printable } from "../../present/printable.js";
import type { CommandRun, OptionsOf } from "../command.js";
import type { logoutSections } from "../commands/logout.js";
import { chosenProfile } from "../profiles.js";
import { cacheFolder } from "../user-folders.js";

/**
`oathkit logout`: deletes the profile's cached account and token files. The profile stays, and
so does an entry in the OS credential store, when the secure plugin keeps the tokens there.
*/
export const run: CommandRun<OptionsOf<typeof logoutSections>> = async ({ values }, io) => {
  const profile = chosenProfile(values.profile, io.env) ?? "default";
  const spec = { dir: cacheFolder(io.env), profile };
  const files = [accountFile(spec), ...tokenCacheFiles(spec)].filter((f) => existsSync(f));
  await forgetAccount(spec);
  await clearTokenCache(spec);
  const line =
    files.length === 0
      ? `No sign-in was cached for profile ${profile}.`
      : `Signed out of profile ${profile}: deleted ${files.join(", ")}.`;
  io.stdout.write(`${printable(line)}\n`);
  return 0;
};
