import { choice, flag, text, type Section } from "./declare.js";

/** The options of every command that reads a seed file: validate, convert, import, activate. */
export const seedFileSection = {
  title: "Seed file options",
  options: {
    format: choice(["auto", "csv", "pskc", "feitian", "oath-csv", "json", "dualshield"], {
      default: "auto",
      help: "file format (default: detected from the content)",
    }),
    "seed-encoding": choice(["auto", "base32", "hex"], {
      default: "auto",
      help: "how secret keys are written (default: decided per file)",
    }),
    interval: choice(["30", "60"], {
      help: "time step for files without a time interval column",
    }),
    manufacturer: text({
      value: "<name>",
      trim: true,
      nonEmpty: "--manufacturer must not be empty",
      help: "manufacturer for rows without one",
    }),
    model: text({
      value: "<name>",
      trim: true,
      nonEmpty: "--model must not be empty",
      help: "model for rows without one",
    }),
    "allow-weak-seeds": flag({ help: "accept seeds of 80–127 bits (warning instead of error)" }),
    "allow-insecure-permissions": flag({
      help: "read a seed file that group or others may read",
    }),
    "psk-env": text({
      value: "<VAR>",
      complete: "env",
      nonEmpty: "--psk-env must name an environment variable.",
      help: [
        "environment variable holding an encrypted PSKC file's",
        "pre-shared key (32 hex characters)",
      ],
    }),
    "psk-file": text({
      value: "<path>",
      complete: "file",
      nonEmpty: "--psk-file must name a file.",
      help: "private file holding that key (hex, one line)",
    }),
    "psk-hex": text({
      value: "<hex>",
      pattern: [/^[0-9a-fA-F]+$/u, "--psk-hex must be hexadecimal"],
      help: "the key itself: visible to other local users (warns)",
    }),
    "password-env": text({
      value: "<VAR>",
      complete: "env",
      nonEmpty: "--password-env must name an environment variable.",
      help: "environment variable holding a PSKC file's password",
    }),
  },
} as const satisfies Section;
