import type { CommandRun, OptionsOf } from "../command.js";
import type { loginSections } from "../commands/login.js";
import { chosenProfile, profileOf, saveProfile } from "../profiles.js";
import { signInIdentity } from "../sign-in-identity.js";
import { writeSignInReport } from "../sign-in-report.js";

/**
`oathkit login`: signs in now (a person afresh: the account remembered for the profile is
forgotten first), caches the sign-in, saves the profile when one is named, and says who it is.
*/
export const run: CommandRun<OptionsOf<typeof loginSections>> = async ({ values }, io) => {
  const named = chosenProfile(values.profile, io.env);
  const { graph, settings, profile, cache, connection, person, identity } = await signInIdentity(
    values,
    io,
    values["read-only"] ? "read" : "sign-in",
    "afresh",
  );
  // The profile names what this sign-in reached, wherever a value came from (a flag, the
  // environment): the tenant from the token, the app and sign-in host as resolved — so the next
  // command with this profile goes to the same tenant whatever the shell's AZURE_* say.
  const reached = {
    ...settings,
    tenant: identity.tenantId,
    clientId: connection.publicClient ? settings.clientId : (connection.clientId ?? undefined),
    authorityHost: connection.authorityIsPublic ? settings.authorityHost : connection.authorityHost,
  };
  const profileFile =
    named === undefined ? null : await saveProfile(io.env, named, profileOf(reached));
  writeSignInReport(
    io,
    {
      profile,
      identity,
      store: person ? await graph.tokenStore(cache) : null,
      accountFile: person ? graph.accountFile(cache) : null,
      profileFile,
    },
    values.json,
  );
  return 0;
};
