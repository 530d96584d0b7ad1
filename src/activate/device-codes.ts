import { estimateSkew } from "./clock-skew.js";
import { checkDeviceCode } from "./device-check.js";
import type { OathDirectory } from "../graph/port.js";
import type { CodeSource } from "./codes.js";
import type { Intent } from "../events/intents.js";
import type { DeviceCheckChannel } from "../events/device-check-events.js";

const maxAttempts = 3;

/**
`activate --from-device`: for each token, the operator types the code its display shows; it is
checked against the seed over ±10 minutes (proof that this seed belongs to this device, and the
device's drift), and the device's own code is sent, so Entra records the device's real drift.
The typed code goes from the intent straight into the request: never stored, logged or shown.
*/
export function deviceCodes(
  store: DeviceCheckChannel,
  run: {
    directory: OathDirectory;
    /** The clock the codes are checked at (corrected by the skew the directory measured). */
    now: () => number;
    signal: AbortSignal;
    /** Called when the operator quits at a prompt: the run stops after the requests in flight. */
    stop: () => void;
  },
): CodeSource {
  const { directory, signal, stop } = run;
  let index = 0;
  return async (p, _spentStep, slots) => {
    index += 1;
    // The slot is taken before the prompt, as the operator reads the code now and it is sent as
    // soon as it is typed (one token at a time: the pacer is all but idle).
    const ticket = await slots.ready();
    if (ticket === null) return { leave: "stopped before this token was checked" };
    const skew = estimateSkew(directory.dateSamples());
    const { serialNumber, upn } = p.token;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      if (signal.aborted) return { leave: "stopped before this token was checked" };
      store.push({ type: "device-prompt", serialNumber, upn, index, attempt });
      const intent = await nextIntent(store, serialNumber);
      if (intent.type === "quit") {
        stop();
        return { leave: "stopped before this token was checked" };
      }
      if (intent.type === "device-skip") {
        store.push({ type: "device-skipped", serialNumber });
        return { leave: "skipped at the device check" };
      }
      const now = run.now() + (skew?.offsetMs ?? 0);
      const verdict = checkDeviceCode(
        p.token.seed.bytes(),
        intent.code,
        now,
        p.token.timeIntervalInSeconds,
        p.token.hashFunction,
      );
      if (verdict.match) {
        store.push({
          type: "device-verdict",
          serialNumber,
          verdict: {
            kind: "match",
            driftSteps: verdict.driftSteps,
            driftSeconds: verdict.driftSeconds,
          },
        });
        return {
          code: intent.code.replace(/\s/gu, ""),
          step: verdict.step,
          driftSeconds: verdict.driftSeconds,
          ticket,
        };
      }
      store.push({
        type: "device-verdict",
        serialNumber,
        verdict: {
          kind: "mismatch",
          message:
            attempt < maxAttempts
              ? `No code of this seed within ±${verdict.windowSteps} steps matches. Check the serial on the back of the token, then type the code it shows now.`
              : "Still no match: this token is left as it is. Check the seed file belongs to this batch.",
        },
      });
    }
    return { refused: "the codes typed did not match this serial's seed" };
  };
}

type Answer = Extract<Intent, { type: "device-code" | "device-skip" | "quit" }>;

function nextIntent(store: DeviceCheckChannel, serialNumber: string): Promise<Answer> {
  return new Promise((resolve) => {
    const off = store.onIntent((intent) => {
      const mine =
        (intent.type === "device-code" || intent.type === "device-skip") &&
        intent.serialNumber === serialNumber;
      if (mine || intent.type === "quit") {
        off();
        resolve(intent);
      }
    });
  });
}
