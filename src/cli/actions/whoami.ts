import type { CommandRun, OptionsOf } from "../command.js";
import type { whoamiSections } from "../commands/whoami.js";
import { signInIdentity } from "../sign-in-identity.js";
import { writeSignInReport } from "../sign-in-report.js";

/**
`oathkit whoami`: the profile's cached sign-in, never a new one (a person's credential may not
prompt). It asks for the read scopes, which every login's token covers, so the cached token answers.
*/
export const run: CommandRun<OptionsOf<typeof whoamiSections>> = async ({ values }, io) => {
  const { graph, profile, cache, person, identity } = await signInIdentity(
    values,
    io,
    "read",
    "cached",
  );
  writeSignInReport(
    io,
    {
      profile,
      identity,
      store: person ? await graph.tokenStore(cache) : null,
      accountFile: person ? graph.accountFile(cache) : null,
      profileFile: null,
    },
    values.json,
  );
  return 0;
};
