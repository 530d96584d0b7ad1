/** A value safe to paste into sh/bash/zsh: single-quoted unless it is plainly safe. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/u.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
