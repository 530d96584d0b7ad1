/** A key that moves the selection in the issues list. */
export type ScrollAction = "up" | "down" | "page-up" | "page-down" | "home" | "end";

/** The selected issue and the first one shown. */
export type ListWindow = { selected: number; top: number };

/**
How many items fit in `room` lines from `top`, given each item's height in lines; at least one
(an item taller than the room is shown cut, and the key for the full message shows the rest).
*/
export function visibleCount(heights: readonly number[], top: number, room: number): number {
  let used = 0;
  let count = 0;
  for (let i = top; i < heights.length; i += 1) {
    const height = heights[i] ?? 1;
    if (count > 0 && used + height > room) break;
    used += height;
    count += 1;
  }
  return count;
}

/** Moves `top` as little as needed for the selected item to be shown. Pure. */
export function keepInView(
  window: ListWindow,
  heights: readonly number[],
  room: number,
): ListWindow {
  const last = Math.max(0, heights.length - 1);
  const selected = Math.min(last, Math.max(0, window.selected));
  let top = Math.min(window.top, selected);
  while (top < selected && top + visibleCount(heights, top, room) <= selected) top += 1;
  return { selected, top };
}

/** The window after a key: ↑↓ one issue, PgUp/PgDn a screenful, Home/End the ends. Pure. */
export function scroll(
  window: ListWindow,
  action: ScrollAction,
  heights: readonly number[],
  room: number,
): ListWindow {
  const page = Math.max(1, visibleCount(heights, window.top, room));
  const selected = {
    up: window.selected - 1,
    down: window.selected + 1,
    "page-up": window.selected - page,
    "page-down": window.selected + page,
    home: 0,
    end: heights.length - 1,
  }[action];
  return keepInView({ selected, top: window.top }, heights, room);
}
