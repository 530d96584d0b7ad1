import { defaultCertDir, faultKinds } from "../../emulator/options.js";
import { defineCommand } from "../command.js";
import { choice, decimal, flag, listOf, text, whole, words } from "../options/declare.js";

export const emulatorSections = [
  {
    title: "Options",
    options: {
      port: whole({
        min: 0,
        max: 65535,
        default: 0,
        value: "N",
        help: "TCP port; 0 picks a free one (default 0)",
      }),
      users: text({
        value: "FILE",
        complete: "file",
        nonEmpty: "--users needs a file",
        help: "users of the tenant (default: the package's samples/users.json)",
      }),
      "latency-ms": whole({
        min: 0,
        default: 0,
        value: "N",
        help: "delay added to every request (default 0)",
      }),
      "write-rate": decimal({
        min: 0,
        default: 0,
        value: "N",
        help: ["writes per second before 429 + Retry-After;", "0 = unlimited (default 0)"],
      }),
      "fault-rate": decimal({
        min: 0,
        max: 1,
        default: 0,
        value: "P",
        help: "probability 0..1 that a write gets a fault (default 0)",
      }),
      "fault-kinds": listOf(faultKinds, {
        value: "LIST",
        default: faultKinds,
        help: "faults to draw from: 503,lost,reset (default all three)",
      }),
      "clock-skew-sec": whole({
        min: -86_400,
        max: 86_400,
        default: 0,
        value: "N",
        help: ["the emulator's clock offset, in Date headers and", "code checks (default 0)"],
      }),
      "token-ttl-sec": whole({
        min: 1,
        default: 3600,
        value: "N",
        help: "lifetime of access tokens (default 3600)",
      }),
      "page-size": whole({
        min: 1,
        max: 999,
        default: 100,
        value: "N",
        help: "collection page size without $top (default 100)",
      }),
      seed: whole({ min: 0, default: 1, value: "N", help: "seed of the fault PRNG (default 1)" }),
      "cert-dir": text({
        value: "DIR",
        complete: "dir",
        nonEmpty: "--cert-dir needs a folder",
        help: ["where the local CA is kept", `(default ${defaultCertDir()})`],
      }),
      "write-env": text({
        value: "PATH",
        complete: "file",
        nonEmpty: "--write-env needs a path",
        help: [
          "also write the environment for oathkit to PATH (mode",
          "0600; it holds the client secret), to load with",
          "`. PATH` in another terminal",
        ],
      }),
      force: flag({ help: "replace an existing --write-env file" }),
      json: flag({
        help: ["print one JSON line when ready:", "{url,port,ca,tenant,clientId,clientSecret}"],
      }),
      "auto-approve": flag({
        help: ["complete device code and browser sign-ins at once", "(no approval page)"],
      }),
      "sign-in-as": text({
        value: "UPN",
        nonEmpty: "--sign-in-as needs a user principal name",
        help: ["who signs in (default: the users file's first user", "with a directory role)"],
      }),
      "consented-scopes": words({
        value: "LIST",
        help: ["delegated permissions a signed-in token may carry,", "comma-separated"],
      }),
      "app-roles": words({
        value: "LIST",
        help: ["application permissions of app tokens", "(default: all oathkit needs)"],
      }),
      "policy-state": choice(["enabled", "disabled"] as const, {
        value: "S",
        message: "--policy-state takes enabled or disabled",
        help: ["the hardware OATH policy: enabled or disabled", "(default: users file)"],
      }),
      "policy-include": words({
        value: "LIST",
        help: ["group ids (or all_users) the policy targets,", "comma-separated"],
      }),
      "policy-exclude": words({
        value: "LIST",
        help: "group ids the policy excludes, comma-separated",
      }),
    },
  },
] as const;

export const emulatorCommand = defineCommand({
  name: "emulator",
  usage: "emulator [--port N] [--json]",
  summary: "local Entra + Graph stand-in (HTTPS) for trials and tests",
  about: `Usage: oathkit emulator [options]

A local Entra ID + Microsoft Graph stand-in over HTTPS on 127.0.0.1 (docs/emulator.md).`,
  examples: [
    "oathkit emulator --port 8443",
    "oathkit emulator --port 8443 --write-env emulator.env --write-rate 20 --fault-rate 0.05",
  ],
  sections: emulatorSections,
  positionals: false,
  load: () => import("../actions/emulator.js"),
});
