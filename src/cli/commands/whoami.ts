import { defineCommand } from "../command.js";
import { flag } from "../options/declare.js";
import { signInSection } from "../options/tenant.js";

export const whoamiSections = [
  {
    title: "Options",
    options: { json: flag({ help: "print one JSON document" }) },
  },
  signInSection,
] as const;

export const whoamiCommand = defineCommand({
  name: "whoami",
  usage: "whoami",
  summary: "the cached sign-in: tenant, identity, permissions, roles",
  about: `Usage: oathkit whoami [--profile <name>] [tenant options]

Who the profile's cached sign-in is — tenant, identity, the permissions its access token grants
and its directory roles — without signing in: if there is no cached sign-in, it says so (exit 2).`,
  examples: ["oathkit whoami --profile contoso", "oathkit whoami --json"],
  sections: whoamiSections,
  positionals: false,
  load: () => import("../actions/whoami.js"),
});
