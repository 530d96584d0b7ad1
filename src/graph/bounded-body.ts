/**
A Graph answer's body is read only up to a limit (issue #15: every server answer is untrusted):
the Graph client would otherwise read a body of any size into memory. An answer over the limit
is not read further; it becomes a Graph-shaped error — its own status when it was an error, 502
when it was a success (a write's outcome is then unclear and reconciled, like any lost answer).
*/

/** No Graph page or JSON batch of this tool comes near: 20 pages of 999 inventory rows. */
export const maxBodyBytes = 16 * 1024 * 1024;
/** An error's body is a few hundred bytes. */
export const maxErrorBodyBytes = 1024 * 1024;

export const tooLargeCode = "ResponseTooLarge";

export async function boundedResponse(
  response: Response,
  limits = { body: maxBodyBytes, error: maxErrorBodyBytes },
): Promise<Response> {
  if (response.body === null) return response;
  const limit = response.ok ? limits.body : limits.error;
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!(declared > limit)) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return new Response(concat(chunks, size), response);
      size += value.byteLength;
      if (size > limit) break;
      chunks.push(value);
    }
    await reader.cancel().catch(() => undefined);
  } else await response.body.cancel().catch(() => undefined);
  return tooLarge(response, limit);
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(response: Response, limit: number): Response {
  const headers = new Headers({ "content-type": "application/json" });
  for (const name of ["date", "request-id", "client-request-id", "retry-after"]) {
    const value = response.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const mb = limit / (1024 * 1024);
  const message = `the server's answer (${response.status}) was larger than ${mb} MB and was not read`;
  const body = { error: { code: tooLargeCode, message } };
  return new Response(JSON.stringify(body), {
    status: response.ok ? 502 : response.status,
    headers,
  });
}
