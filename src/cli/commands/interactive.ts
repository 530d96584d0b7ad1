import { defineCommand } from "../command.js";

/** `oathkit` with no arguments, on a terminal: the guided flow (never listed by name). */
export const interactiveCommand = defineCommand({
  name: "interactive",
  usage: "",
  summary: "(no arguments) the guided terminal UI: pick a file, validate, plan, run",
  about: "Usage: oathkit (no arguments, in a terminal)",
  examples: ["oathkit"],
  sections: [],
  positionals: false,
  load: () => import("../actions/interactive.js"),
});
