// `npm run corpus -- <folder> [validate options…]`: runs `oathkit validate --json` over every file
// under a folder and prints one line a file: exit code, format, tokens valid/rejected, issue codes
// (or the fatal error's first sentence). Each file is copied to a private temporary folder with
// mode 0600 first (seed files others may read are refused, and Git does not keep modes).
// Encrypted PSKC: set CORPUS_PSK (32 hex, or several separated by commas) and/or CORPUS_PASSWORD;
// a file refused as encrypted (or whose MACs all fail) is tried again with each, and the first
// that opens it is shown. Needs `npm run build` (the npm script builds first).
import { spawnSync } from "node:child_process";
import { copyFileSync, chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const [folder, ...extra] = process.argv.slice(2);
if (folder === undefined) {
  console.error("usage: npm run corpus -- <folder> [validate options…]");
  process.exit(2);
}
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(path);
      return entry.isFile() && !/(^README|\.expect\.json$)/u.test(entry.name) ? [path] : [];
    });
}

type Document = {
  format?: string;
  valid?: number;
  rejected?: number;
  issues?: { code: string }[];
  error?: { code: string; message: string };
};

type Key = { flag: string; value: string };

function validate(path: string, key?: Key): { exit: number; doc: Document; stderr: string } {
  const keyArgs = key === undefined ? [] : [key.flag, "CORPUS_KEY"];
  const run = spawnSync(process.execPath, [cli, "validate", path, "--json", ...keyArgs, ...extra], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", CORPUS_KEY: key?.value ?? "" },
  });
  let doc: Document = {};
  try {
    doc = JSON.parse(run.stdout) as Document;
  } catch {
    // exit 2 before any document: the error is on stderr
  }
  return { exit: run.status ?? -1, doc, stderr: run.stderr };
}

const keyChoices: Key[] = [
  ...(process.env["CORPUS_PSK"] ?? "")
    .split(",")
    .filter((value) => value !== "")
    .map((value) => ({ flag: "--psk-env", value })),
  ...(process.env["CORPUS_PASSWORD"]
    ? [{ flag: "--password-env", value: process.env["CORPUS_PASSWORD"] }]
    : []),
];

const work = mkdtempSync(join(tmpdir(), "oathkit-corpus-"));
const totals = { files: 0, ok: 0, rejectedRows: 0, refused: 0, valid: 0 };
try {
  for (const file of filesUnder(folder)) {
    if (statSync(file).size > 64 * 1024 * 1024) continue;
    const copy = join(work, basename(file));
    copyFileSync(file, copy);
    chmodSync(copy, 0o600);
    let result = validate(copy);
    const locked = (r: typeof result) =>
      r.exit === 2 && /encrypted; pass|No MAC in this PSKC|not a password/u.test(r.stderr);
    if (locked(result)) {
      const tries = keyChoices.map((key) => validate(copy, key));
      result = tries.find((r) => !locked(r)) ?? tries[0] ?? result;
    }
    rmSync(copy);
    const { exit, doc, stderr } = result;
    const name = relative(folder, file);
    totals.files += 1;
    totals.valid += doc.valid ?? 0;
    if (exit === 0) totals.ok += 1;
    else if (exit === 1) totals.rejectedRows += 1;
    else totals.refused += 1;
    const codes = [...new Set((doc.issues ?? []).map((i) => i.code))].join(",");
    const what =
      exit === 2
        ? `refused: ${(doc.error?.message ?? stderr.split("\n")[0] ?? "").replaceAll(copy, name)}`
        : `${doc.format} ${doc.valid}/${(doc.valid ?? 0) + (doc.rejected ?? 0)} valid ${codes}`;
    console.log(`${exit}\t${name}\t${what}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(
  `\n${totals.files} files: ${totals.ok} all valid (exit 0), ${totals.rejectedRows} with rejected tokens (exit 1), ${totals.refused} refused (exit 2); ${totals.valid} valid tokens.`,
);
