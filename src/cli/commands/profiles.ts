import { defineCommand } from "../command.js";
import { flag } from "../options/declare.js";

export const profilesSections = [
  { title: "Options", options: { json: flag({ help: "print one JSON document" }) } },
] as const;

export const profilesCommand = defineCommand({
  name: "profiles",
  usage: "profiles",
  summary: "the saved tenants (profiles) and which are signed in",
  about: `Usage: oathkit profiles [--json]

Lists the profiles in the user's config folder (profiles.json): each one's tenant, sign-in mode,
client, Graph URL and whether a sign-in is cached. \`oathkit login --profile <name>\` creates one;
--profile <name> or OATHKIT_PROFILE selects one for any command.`,
  examples: ["oathkit profiles", "OATHKIT_PROFILE=contoso oathkit list"],
  sections: profilesSections,
  positionals: false,
  load: () => import("../actions/profiles.js"),
});
