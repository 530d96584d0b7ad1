import { isIP } from "node:net";
import { AuthError } from "../errors.js";

/** The only hosts oathkit talks to without `--allow-host`: hardware OATH is global-cloud only. */
export const officialGraphHost = "graph.microsoft.com";
export const officialLoginHost = "login.microsoftonline.com";
export const defaultGraphUrl = `https://${officialGraphHost}`;
export const defaultAuthorityHost = `https://${officialLoginHost}`;

/**
127.0.0.0/8, ::1 and the name `localhost` (a hostname as `URL` gives it: IPv6 in brackets). By
name only `localhost` itself, which resolvers map to loopback (RFC 6761 §6.3); not `*.localhost`,
which a resolver may send anywhere. No name is resolved to check it: the connection does its own
lookup later, so a check now would prove nothing about the address used then.
*/
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/gu, "");
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}

/**
Checks one endpoint URL against the host rules (README, "Commands") and returns it normalised (no
trailing slash, no query). HTTPS is required unless the host is loopback; a host other than the
official one or loopback must be named with `--allow-host`.
*/
export function checkEndpoint(
  flag: "--graph-url" | "--authority-host",
  raw: string,
  officialHost: string,
  allowedHosts: readonly string[],
): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AuthError(`${flag} "${raw}" is not a URL.`, {
      hint: `Give an absolute URL such as https://${officialHost}.`,
    });
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    throw new AuthError(`${flag} must not carry credentials, a query or a fragment.`, {
      hint: `Give only the scheme, host and optional path, such as https://${officialHost}.`,
    });
  }
  const loopback = isLoopback(url.hostname);
  // HTTPS only, loopback too: @azure/identity refuses a plain-http authority outright, and the
  // Graph client attaches no access token to a plain-http request, so neither could ever work.
  if (url.protocol !== "https:") {
    throw new AuthError(
      `${flag} ${url.protocol}//${url.host} is refused: ${flag === "--authority-host" ? "sign-in" : "Microsoft Graph"} needs https://.`,
      { hint: "Give an https:// URL (the emulator serves HTTPS on 127.0.0.1)." },
    );
  }
  const host = url.hostname.toLowerCase();
  const allowed = new Set(allowedHosts.map((h) => h.toLowerCase()));
  if (host !== officialHost && !loopback && !allowed.has(host) && !allowed.has(url.host)) {
    throw new AuthError(`${flag} host ${url.host} is not an official Microsoft host.`, {
      hint: `Add --allow-host ${url.hostname} if you trust it (a proxy or an emulator).`,
    });
  }
  url.pathname = url.pathname.replace(/\/+$/u, "");
  return url;
}
