import { defineCommand } from "../command.js";
import { flag } from "../options/declare.js";
import { signInSection } from "../options/tenant.js";

export const loginSections = [
  {
    title: "Options",
    options: {
      "read-only": flag({ help: "ask only for what `list` needs, not the write permissions" }),
      json: flag({ help: "print one JSON document: tenant, identity, permissions, roles" }),
    },
  },
  signInSection,
] as const;

export const loginCommand = defineCommand({
  name: "login",
  usage: "login",
  summary: "sign in once; later commands reuse it (per profile)",
  about: `Usage: oathkit login [--profile <name>] [tenant options]

Signs in now — device code by default, without an app registration — and caches the sign-in for
the profile, so the commands that follow do not ask again. With --profile <name>, the tenant
options given are saved as that profile (created or updated; never a secret).`,
  examples: [
    "oathkit login --profile contoso --tenant contoso.onmicrosoft.com",
    "oathkit login --profile fabrikam --tenant fabrikam.com --auth browser",
  ],
  sections: loginSections,
  positionals: false,
  load: () => import("../actions/login.js"),
});
