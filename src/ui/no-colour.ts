/**
ink 8 (chalk 6) and @inkjs/ui (chalk 5) ignore `NO_COLOR`: chalk only reads `FORCE_COLOR`, flags
and whether process.stdout is a TTY. So under `NO_COLOR` the UI writes through this filter,
which removes the colour parameters of SGR sequences and keeps the rest (bold, dim, inverse for
the input cursor, and every cursor/erase sequence ink uses to redraw).
*/
export function stripColour(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[([0-9;]*)m/gu, (sequence, params: string) => {
    if (params === "") return sequence;
    const kept = keepNonColour(params.split(";").map(Number));
    return kept.length === 0 ? "" : `\u001b[${kept.join(";")}m`;
  });
}

function keepNonColour(codes: number[]): number[] {
  const kept: number[] = [];
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] ?? 0;
    if (code === 38 || code === 48 || code === 58) {
      i += codes[i + 1] === 5 ? 2 : codes[i + 1] === 2 ? 4 : 0;
      continue;
    }
    const colour =
      (code >= 30 && code <= 39) ||
      (code >= 40 && code <= 49) ||
      (code >= 90 && code <= 97) ||
      (code >= 100 && code <= 107) ||
      code === 59;
    if (!colour) kept.push(code);
  }
  return kept;
}

/** `NO_COLOR` present and not empty (no-color.org). */
export function wantsNoColour(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env["NO_COLOR"];
  return value !== undefined && value !== "";
}

/** The same stream, with colour removed from everything written to it. */
export function withoutColour<T extends NodeJS.WritableStream>(stream: T): T {
  return new Proxy(stream, {
    get(target, property) {
      if (property === "write") {
        return (chunk: unknown, ...rest: unknown[]): boolean =>
          (target.write as (...args: unknown[]) => boolean)(
            typeof chunk === "string" ? stripColour(chunk) : chunk,
            ...rest,
          );
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function"
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}
