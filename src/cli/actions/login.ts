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
  // command with this profile goes to the same tenant whatever the shell's AZURE_* say. A
  // person's sign-in keeps its mode: a shell that later holds AZURE_CLIENT_SECRET (the emulator's
  // lines) would otherwise turn the default to the app's sign-in, not the admin's, and its
  // AZURE_CLIENT_ID would replace the public client the person signed in with.
  const reached = {
    ...settings,
    auth: person ? connection.auth : settings.auth,
    tenant: identity.tenantId,
    clientId: connection.clientId ?? undefined,
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
