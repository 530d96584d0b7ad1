/** A window of `height` rows over `length` rows, moved by the keys of the issues table. */
export type ScrollAction = "up" | "down" | "page-up" | "page-down" | "home" | "end";

/** The first visible row after a key; always within [0, length - height]. Pure. */
export function scroll(
  offset: number,
  action: ScrollAction,
  length: number,
  height: number,
): number {
  const last = Math.max(0, length - height);
  const page = Math.max(1, height - 1);
  const next = {
    up: offset - 1,
    down: offset + 1,
    "page-up": offset - page,
    "page-down": offset + page,
    home: 0,
    end: last,
  }[action];
  return Math.min(last, Math.max(0, next));
}
