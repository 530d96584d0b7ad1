/** Single-quoted for sh/bash/zsh (a quote inside closes, escapes and reopens: `'\''`). */
export function shSingleQuoted(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Single-quoted for PowerShell (a quote inside is doubled). */
export function psSingleQuoted(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A value safe to paste into sh/bash/zsh: single-quoted unless it is plainly safe. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/u.test(value) ? value : shSingleQuoted(value);
}

/**
A value safe to paste into PowerShell, the Windows admin's shell: single-quoted (a quote inside is
doubled) unless plainly safe. `C:\data\tokens.csv` needs no quotes there; `@`, `%`, `+` and `,`
mean something in PowerShell, so values holding them are quoted.
*/
export function powershellQuote(value: string): string {
  return /^[\w=:./\\-]+$/u.test(value) ? value : psSingleQuoted(value);
}

/** The quoting of the shell a user of `platform` pastes into: PowerShell on Windows. */
export function quoteFor(platform: NodeJS.Platform): (value: string) => string {
  return platform === "win32" ? powershellQuote : shellQuote;
}
