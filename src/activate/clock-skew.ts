import type { DateSample } from "../graph/port.js";

/** Server time ≈ local time + offsetMs, give or take uncertaintyMs. */
export type SkewEstimate = { offsetMs: number; uncertaintyMs: number; samples: number };

/**
Estimates the local clock's offset from the server's from HTTP `Date` headers
(docs/provisioning.md). A `Date` has one-second resolution: the server stamped the response at
some s ∈ [D, D+1000)
while the local clock read somewhere in [sent, received], so the offset lies in
[D − received, D + 1000 − sent]. Intersecting the samples' intervals narrows it; if they do not
intersect (servers disagree, or a clock jumped), the union is used instead, which is wider and
so more cautious.
*/
export function estimateSkew(samples: readonly DateSample[]): SkewEstimate | null {
  const intervals: Array<[number, number]> = [];
  for (const s of samples) {
    const server = Date.parse(s.serverDate);
    if (Number.isNaN(server) || s.receivedAtMs < s.sentAtMs) continue;
    intervals.push([server - s.receivedAtMs, server + 1000 - s.sentAtMs]);
  }
  if (intervals.length === 0) return null;
  let low = Math.max(...intervals.map((i) => i[0]));
  let high = Math.min(...intervals.map((i) => i[1]));
  if (low > high) {
    low = Math.min(...intervals.map((i) => i[0]));
    high = Math.max(...intervals.map((i) => i[1]));
  }
  return {
    offsetMs: Math.round((low + high) / 2),
    uncertaintyMs: Math.ceil((high - low) / 2),
    samples: intervals.length,
  };
}

export type ClockDecision =
  | { use: "local"; offsetMs: 0 }
  | { use: "server"; offsetMs: number }
  | { use: "refuse"; offsetMs: number };

/**
Which clock activation codes come from. Within the limit the local clock is trusted as it is
(sub-limit offsets are still applied, so codes come from the best estimate of server time);
beyond it activation is refused unless the user asked to use server time.
*/
export function decideClock(
  estimate: SkewEstimate | null,
  options: { maxSkewMs: number; useServerTime: boolean },
): ClockDecision {
  if (estimate === null) return { use: "local", offsetMs: 0 };
  const worst = Math.abs(estimate.offsetMs) + estimate.uncertaintyMs;
  if (worst <= options.maxSkewMs || options.useServerTime) {
    return { use: "server", offsetMs: estimate.offsetMs };
  }
  return { use: "refuse", offsetMs: estimate.offsetMs };
}
