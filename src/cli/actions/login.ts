import { describeFailure } from "../../job/fatal-error.js";
import { Scrubber } from "../../secrets/scrubber.js";
import type { CommandRun, OptionsOf } from "../command.js";
import type { loginSections } from "../commands/login.js";
import { chosenProfile, profileOf, saveProfile } from "../profiles.js";
import { writeSignInReport } from "../sign-in-report.js";
import { endpointsOf, signInSettings, tenantIo } from "../tenant-session.js";
import { signInFlags } from "../sign-in-flags.js";

/**
`oathkit login`: signs in now (a person afresh: the account remembered for the profile is
forgotten first), caches the sign-in, saves the profile when one is named, and says who it is.
*/
export const run: CommandRun<OptionsOf<typeof loginSections>> = async ({ values }, io) => {
  const graph = await import("../../graph/index.js");
  const purpose = values["read-only"] ? "read" : "sign-in";
  const named = chosenProfile(values.profile, io.env);
  const { settings, profile, cache } = await signInSettings(
    { settings: signInFlags(values, purpose), profile: values.profile },
    io.env,
    { create: true },
  );
  const connection = graph.resolveConnection(settings, io.env);
  const person = connection.auth === "device-code" || connection.auth === "browser";
  if (person) await graph.forgetAccount(cache);
  const identity = await graph
    .whoAmI(connection, {
      scrubber: new Scrubber(),
      env: io.env,
      now: Date.now,
      onDeviceCodePrompt: tenantIo(io).onDeviceCodePrompt,
      profile,
      ...(person ? { tokenCache: cache } : {}),
    })
    .catch(async (error: unknown) => {
      throw await describeFailure(error, endpointsOf(connection));
    });
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
