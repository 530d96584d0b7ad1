import type { Issue } from "../issues/issue.js";
import { fit, wrap } from "./format.js";

/**
Below this width the issues are stacked (a heading line, then the whole message wrapped), not a
table: at 80 columns a table leaves its messages some 20 columns.
*/
export const tableMinWidth = 100;

const severityLabel = { error: "error", warning: "warn", info: "info" } as const;
/** Each issue's first line starts with the selection marker (or two spaces). */
export const markerWidth = 2;

/**
How the issues are laid out at a width. `wrapMessages`: a table row carries its whole message,
wrapped in the message column (a screen drawn once, with no key to read more); otherwise a row
is one line, its message cut, and a key shows the selected issue in full. Stacked (narrow)
issues always carry their whole message.
*/
export type IssueLayout = {
  width: number;
  stacked: boolean;
  wrapMessages: boolean;
  columns: { line: number; field: number; code: number; message: number };
};

export function issueLayout(
  issues: readonly Issue[],
  width: number,
  wrapMessages: boolean,
): IssueLayout {
  // A loop, not Math.max(...all): a spread of a few hundred thousand issues throws a RangeError.
  let [line, field, code] = [4, 5, 4];
  for (const i of issues) {
    line = Math.max(line, String(i.line).length);
    field = Math.min(21, Math.max(field, (i.field ?? "—").length));
    code = Math.min(24, Math.max(code, i.code.length));
  }
  const message = Math.max(10, width - markerWidth - line - 6 - field - code - 3);
  return {
    width,
    stacked: width < tableMinWidth,
    wrapMessages,
    columns: { line, field, code, message },
  };
}

/** The table's heading line (none when stacked). */
export function headingLine(layout: IssueLayout): string | null {
  return layout.stacked
    ? null
    : " ".repeat(markerWidth) + row(layout, "Line", "", "Field", "Code", "Message");
}

/** The lines of one issue, without the marker column. */
export function issueLines(issue: Issue, layout: IssueLayout): string[] {
  const field = issue.field ?? "—";
  const severity = severityLabel[issue.severity];
  const text = layout.width - markerWidth;
  if (layout.stacked) {
    const where = issue.field === null ? "" : ` · ${issue.field}`;
    const heading = wrap(`line ${issue.line} · ${severity}${where} · ${issue.code}`, text);
    return [...heading, ...wrap(issue.message, text - 2).map((l) => `  ${l}`)];
  }
  const { columns } = layout;
  if (!layout.wrapMessages) {
    return [
      row(
        layout,
        String(issue.line),
        severity,
        field,
        issue.code,
        fit(issue.message, columns.message),
      ),
    ];
  }
  const [first = "", ...rest] = wrap(issue.message, columns.message);
  const indent = " ".repeat(text - columns.message);
  return [
    row(layout, String(issue.line), severity, field, issue.code, first),
    ...rest.map((l) => indent + l),
  ];
}

/** The selected issue in full: its place, then its message over the whole width. */
export function detailLines(issue: Issue, width: number): string[] {
  const heading = `Line ${issue.line} · ${severityLabel[issue.severity]} · ${issue.field ?? "—"} · ${issue.code}`;
  return [...wrap(heading, width), ...wrap(issue.message, width)];
}

function row(
  layout: IssueLayout,
  line: string,
  severity: string,
  field: string,
  code: string,
  message: string,
): string {
  const { columns } = layout;
  return [
    line.padStart(columns.line),
    severity.padEnd(5),
    fit(field, columns.field).padEnd(columns.field),
    fit(code, columns.code).padEnd(columns.code),
    message,
  ]
    .join(" ")
    .trimEnd();
}
