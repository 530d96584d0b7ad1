import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { stripColour, wantsNoColour, withoutColour } from "../../src/ui/no-colour.js";

const esc = "\u001b[";

describe("NO_COLOR", () => {
  it("removes colours and keeps bold, inverse and cursor control", () => {
    expect(stripColour(`${esc}32m✔${esc}39m ok`)).toBe("✔ ok");
    expect(stripColour(`${esc}1;31mbad${esc}22;39m`)).toBe(`${esc}1mbad${esc}22m`);
    expect(stripColour(`${esc}38;5;208mx${esc}48;2;1;2;3my${esc}0m`)).toBe(`xy${esc}0m`);
    expect(stripColour(`${esc}7m ${esc}27m${esc}2K${esc}1A`)).toBe(
      `${esc}7m ${esc}27m${esc}2K${esc}1A`,
    );
  });

  it("is wanted when NO_COLOR is set and not empty", () => {
    expect(wantsNoColour({ NO_COLOR: "1" })).toBe(true);
    expect(wantsNoColour({ NO_COLOR: "" })).toBe(false);
    expect(wantsNoColour({})).toBe(false);
  });

  it("filters what is written to a stream, and passes the rest through", () => {
    let written = "";
    const stream = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          written += chunk.toString();
          done();
        },
      }),
      { columns: 80 },
    );
    const filtered = withoutColour(stream);
    filtered.write(`${esc}31mred${esc}39m`);
    expect(written).toBe("red");
    expect(filtered.columns).toBe(80);
  });
});
