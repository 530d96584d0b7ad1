import { request } from "node:https";

/**
After a failed sign-in or Graph call that got no answer, one plain HTTPS request to the same
host tells the user why: refused, unknown host, no answer, or a certificate this computer does not
trust. It sends nothing but `HEAD /` (no credentials), follows no redirect, and gives up after
`timeoutMs`. Null: the host answered, so the network is not the problem.
*/
export function whyUnreachable(url: string, timeoutMs = 5_000): Promise<string | null> {
  if (!url.startsWith("https://")) return Promise.resolve("it is not an https:// URL");
  return new Promise((resolve) => {
    const req = request(url, { method: "HEAD", path: "/", timeout: timeoutMs }, (res) => {
      res.resume();
      req.destroy();
      resolve(null);
    });
    req.on("timeout", () => {
      req.destroy();
      resolve(`no answer within ${Math.round(timeoutMs / 1000)} s`);
    });
    req.on("error", (error) => resolve(socketReason(error)));
    req.end();
  });
}

/** A socket error in words, with its code (the code is what a search or a colleague needs). */
export function socketReason(error: unknown): string {
  const raw = (error as { code?: unknown }).code;
  const code = typeof raw === "string" ? raw : "";
  if (code === "ECONNREFUSED") return "connection refused (ECONNREFUSED)";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `no such host (${code})`;
  if (code === "ETIMEDOUT" || code === "ECONNRESET") return `the network dropped it (${code})`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)|ERR_TLS|ERR_SSL/u.test(code))
    return `its TLS certificate is not trusted (${code})`;
  return code === "" ? "network error" : `network error (${code})`;
}
