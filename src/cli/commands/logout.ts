import { defineCommand } from "../command.js";
import { text } from "../options/declare.js";

export const logoutSections = [
  {
    title: "Options",
    options: {
      profile: text({ value: "<name>", help: "the profile to sign out (env OATHKIT_PROFILE)" }),
    },
  },
] as const;

export const logoutCommand = defineCommand({
  name: "logout",
  usage: "logout",
  summary: "forget a profile's cached sign-in",
  about: `Usage: oathkit logout [--profile <name>]

Deletes the profile's cached sign-in (its account and token files); the profile itself stays.`,
  examples: ["oathkit logout --profile contoso"],
  sections: logoutSections,
  positionals: false,
  load: () => import("../actions/logout.js"),
});
