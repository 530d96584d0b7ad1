import { describeFailure } from "../../job/fatal-error.js";
import { Scrubber } from "../../secrets/scrubber.js";
import type { CommandRun, OptionsOf } from "../command.js";
import type { whoamiSections } from "../commands/whoami.js";
import { writeSignInReport } from "../sign-in-report.js";
import { signInFlags } from "../sign-in-flags.js";
import { endpointsOf, signInSettings } from "../tenant-session.js";

/**
`oathkit whoami`: the profile's cached sign-in, never a new one (a person's credential may not
prompt). It asks for the read scopes, which every login's token covers, so the cached token answers.
*/
export const run: CommandRun<OptionsOf<typeof whoamiSections>> = async ({ values }, io) => {
  const graph = await import("../../graph/index.js");
  const { settings, profile, cache } = await signInSettings(
    { settings: signInFlags(values, "read"), profile: values.profile },
    io.env,
  );
  const connection = graph.resolveConnection(settings, io.env);
  const person = connection.auth === "device-code" || connection.auth === "browser";
  const identity = await graph
    .whoAmI(connection, {
      scrubber: new Scrubber(),
      env: io.env,
      now: Date.now,
      // Never called: a silent credential does not prompt. Kept off stdout all the same.
      onDeviceCodePrompt: () => undefined,
      profile,
      silent: true,
      ...(person ? { tokenCache: cache } : {}),
    })
    .catch(async (error: unknown) => {
      throw await describeFailure(error, endpointsOf(connection));
    });
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
