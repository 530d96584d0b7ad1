import type { Purpose } from "../graph/command-scopes.js";
import { describeFailure } from "../job/fatal-error.js";
import { Scrubber } from "../secrets/scrubber.js";
import type { CliIo } from "./io.js";
import type { ValuesOf } from "./options/declare.js";
import type { signInSection } from "./options/tenant.js";
import { signInFlags } from "./sign-in-flags.js";
import { endpointsOf, signInSettings, tenantIo, tenantSource } from "./tenant-session.js";

/**
How a command asks who it is signed in as. "afresh" (login): a profile not there yet is
created, and a person signs in anew — the account remembered for the profile is forgotten first.
"cached" (whoami): only the profile's cached sign-in, never a prompt.
*/
export type SignInWay = "afresh" | "cached";

/**
What login and whoami share: the settings with the profile's values under the flags, the
connection, and who the sign-in is — a failure described with its step and host.
*/
export async function signInIdentity(
  flags: ValuesOf<typeof signInSection.options>,
  io: CliIo,
  purpose: Purpose,
  way: SignInWay,
) {
  const graph = await import("../graph/index.js");
  const afresh = way === "afresh";
  const given = signInFlags(flags, purpose);
  const { settings, profile, cache } = await signInSettings(
    { settings: given, profile: flags.profile },
    io.env,
    { create: afresh },
  );
  const connection = graph.resolveConnection(settings, io.env);
  const person = connection.auth === "device-code" || connection.auth === "browser";
  if (afresh && person) await graph.forgetAccount(cache);
  const identity = await graph
    .whoAmI(connection, {
      scrubber: new Scrubber(),
      env: io.env,
      now: Date.now,
      // A silent credential never prompts; the prompt is kept off stdout all the same.
      onDeviceCodePrompt: afresh ? tenantIo(io).onDeviceCodePrompt : () => undefined,
      profile,
      silent: !afresh,
      ...(person ? { tokenCache: cache } : {}),
    })
    .catch(async (error: unknown) => {
      const from = tenantSource(given.tenant, settings.tenant, profile);
      throw await describeFailure(error, endpointsOf(connection, from));
    });
  return { graph, settings, profile, cache, connection, person, identity };
}
