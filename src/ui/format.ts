/** "3 s", "1 min 05 s", "1 h 02 min": for ETAs, waits and elapsed time; never "0 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

/** Cuts `text` to `width` columns with an ellipsis; the screens never wrap a table cell. */
export function fit(text: string, width: number): string {
  if (width <= 0) return "";
  if (text.length <= width) return text;
  return width === 1 ? "…" : `${text.slice(0, width - 1)}…`;
}

export { plural } from "../present/plural.js";

/** The terminal's width, kept readable on very wide terminals. */
export function screenWidth(columns: number): number {
  return Math.min(Math.max(columns, 40), 120);
}

/**
Splits `text` into lines of at most `width` columns, at spaces where it can, and inside a word
only when the word alone is wider. Every character is kept (narrow screens wrap, never cut).
*/
export function wrap(text: string, width: number): string[] {
  const size = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      let rest = word;
      const room = line === "" ? size : size - line.length - 1;
      if (rest.length <= room) {
        line = line === "" ? rest : `${line} ${rest}`;
        continue;
      }
      if (line !== "") lines.push(line);
      while (rest.length > size) {
        lines.push(rest.slice(0, size));
        rest = rest.slice(size);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}
