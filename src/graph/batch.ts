import { chunk, forEachConcurrently } from "../pool.js";
import type { Scrubber } from "../secrets/scrubber.js";
import { classify } from "./classify-failure.js";
import type { Call } from "./graph-calls.js";
import { isRecord } from "./odata.js";
import type { BatchOutcome, BatchRequest } from "./port.js";
import { decide, type RetryLimits } from "./retry-policy.js";

/** Graph's limit per JSON batch (json-batching; the SDK's BatchRequestContent agrees). */
export const batchLimit = 20;
/** Batches in flight at once. */
const parallelBatches = 4;

export type BatchDeps = {
  run: (call: Call) => Promise<unknown>;
  scrubber: Scrubber;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  limits: RetryLimits;
};

type Answer = { status: number; headers: Record<string, unknown>; body: unknown };

/**
Reads in `POST /$batch` envelopes of at most 20 (docs/graph-adapter.md). The envelope is a read
(`readOnly`): retried by the adapter's rules. Inside it each item has its own status, answers
come in any order (matched by id), and a throttled item is not retried by anyone else (Graph's
throttling guidance): items that failed transiently (429, 5xx, missing from the answer) are sent
again in a new batch after the longest wait `decide` gives, until it says stop; every other
failure is that item's outcome.
*/
export async function sendBatch(
  operation: string,
  requests: readonly BatchRequest[],
  deps: BatchDeps,
): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = new Array<BatchOutcome>(requests.length);
  const indices = requests.map((_, i) => i);

  async function sendChunk(items: readonly number[]): Promise<void> {
    let pending = items;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const answers = await post(pending);
      const again: number[] = [];
      let waitMs = 0;
      for (const index of pending) {
        const answer = answers.get(String(index + 1));
        if (answer !== undefined && answer.status >= 200 && answer.status < 300) {
          outcomes[index] = { ok: true, status: answer.status, body: answer.body };
          continue;
        }
        const failure = itemFailure(answer, requests[index]!.needs).info();
        // An item's 401 is not retried with a fresh token: the envelope's own 401 already is.
        const decision = decide(
          failure,
          { attempt, tokenRefreshed: true },
          deps.random,
          deps.limits,
        );
        if (decision.retry) {
          again.push(index);
          waitMs = Math.max(waitMs, decision.delayMs);
        } else outcomes[index] = { ok: false, failure };
      }
      if (again.length > 0 && waitMs > 0) await deps.sleep(waitMs);
      pending = again;
    }
  }

  async function post(indices: readonly number[]): Promise<Map<string, Answer>> {
    const body = await deps.run({
      operation,
      // A 403 on the envelope itself names what its items need, each once.
      needs: [...new Set(indices.map((i) => requests[i]!.needs))].join("; "),
      method: "POST",
      path: "/$batch",
      readOnly: true,
      body: () => ({
        requests: indices.map((i) => {
          const r = requests[i]!;
          return {
            id: String(i + 1),
            method: r.method,
            url: r.path,
            ...(r.body === undefined
              ? {}
              : { headers: { "Content-Type": "application/json" }, body: r.body }),
          };
        }),
      }),
    });
    const answers = new Map<string, Answer>();
    const responses = isRecord(body) ? body["responses"] : undefined;
    for (const item of Array.isArray(responses) ? (responses as unknown[]) : []) {
      if (!isRecord(item) || typeof item["id"] !== "string" || typeof item["status"] !== "number")
        continue;
      const headers = isRecord(item["headers"]) ? item["headers"] : {};
      answers.set(item["id"], { status: item["status"], headers, body: item["body"] });
    }
    return answers;
  }

  function itemFailure(answer: Answer | undefined, needs: string) {
    const context = { operation, needs, write: false, scrubber: deps.scrubber, nowMs: deps.now() };
    if (answer === undefined) {
      return classify(
        {
          status: null,
          code: "BatchItemMissing",
          message: "the batch answer has no response for this item",
          requestId: null,
          retryAfter: null,
        },
        context,
      );
    }
    const error =
      isRecord(answer.body) && isRecord(answer.body["error"]) ? answer.body["error"] : {};
    const inner = isRecord(error["innerError"]) ? error["innerError"] : {};
    const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
    return classify(
      {
        status: answer.status,
        code: text(error["code"]),
        message: text(error["message"]) ?? "",
        requestId: text(header(answer.headers, "request-id")) ?? text(inner["request-id"]),
        retryAfter: text(header(answer.headers, "retry-after")),
      },
      context,
    );
  }

  await forEachConcurrently(chunk(indices, batchLimit), parallelBatches, sendChunk);
  return outcomes;
}

function header(headers: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
