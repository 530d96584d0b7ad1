import type { OptionSet, Section } from "./declare.js";

/** Where the help text of every option starts. */
const column = 37;

/** `-y, --yes`, `--format auto|csv|pskc|feitian`, `--report <path>`. */
function head(name: string, spec: OptionSet[string]): string {
  const short = spec.short === undefined ? "" : `-${spec.short}, `;
  return `  ${short}--${name}${spec.value === undefined ? "" : ` ${spec.value}`}`;
}

/** One section of a command's `--help`: its title, then each option and its help lines. */
export function renderSection(section: Section): string {
  const out = [`${section.title}:`];
  for (const [name, spec] of Object.entries(section.options)) {
    const [first = "", ...rest] = spec.help;
    const start = head(name, spec);
    if (start.length + 2 > column) out.push(start, `${"".padEnd(column)}${first}`);
    else out.push(`${start.padEnd(column)}${first}`);
    for (const line of rest) out.push(`${"".padEnd(column)}${line}`);
  }
  return out.join("\n");
}

/** The `--help` line every command has. */
export const helpOption = "  -h, --help                         show this help";
