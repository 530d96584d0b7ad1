import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { onInterrupt } from "../../src/cli/interrupt.js";

describe("Windows: Ctrl-Break during a run that writes", () => {
  it("stops the run after the requests in flight, as the first Ctrl-C does", () => {
    let said = "";
    const stderr = new Writable({
      write(chunk: Buffer, _encoding, done) {
        said += String(chunk);
        done();
      },
    });
    const before = process.listenerCount("SIGBREAK");
    const interrupt = onInterrupt({ stderr });
    try {
      // What Node emits on Windows for Ctrl-Break; without a listener it ends the process.
      process.emit("SIGBREAK" as NodeJS.Signals);
      expect(interrupt.signal.aborted).toBe(true);
      expect(said).toContain("Stopping after the requests in flight");
    } finally {
      interrupt.release();
    }
    expect(process.listenerCount("SIGBREAK")).toBe(before);
  });
});
