import { realpath, stat } from "node:fs/promises";
import { sep } from "node:path";
import { InputFileError } from "../errors.js";
import type { Issue } from "../issues/issue.js";
import { describeFsError } from "./text-source.js";

export type PermissionOptions = {
  /** Read a file that group or others may read (docs/seed-files.md, "Permissions"). @default false */
  allowInsecurePermissions: boolean;
  /** oathkit's own `samples/` folder: demo files with fake seeds, exempt from the check. */
  samplesDir?: string;
  platform?: NodeJS.Platform;
};

/**
Refuse a seed file that group or others may read (POSIX mode bits), unless allowed. The shipped
samples are exempt — a clone leaves them 0644 and they hold fake seeds — with an info note, so the
README's commands work without teaching anyone the override flag. Windows ACLs are not checked.
*/
export async function checkPermissions(path: string, options: PermissionOptions): Promise<Issue[]> {
  if ((options.platform ?? process.platform) === "win32") return [];
  const stats = await stat(path).catch((error: unknown) => {
    throw new InputFileError(`${path} cannot be read (${describeFsError(error)}).`, {
      hint: "Check the path and that you may read the file.",
      cause: error,
    });
  });
  if (!stats.isFile()) throw new InputFileError(`${path} is not a file; expected a seed file.`);
  const open = stats.mode & 0o077;
  if (open === 0) return [];
  const mode = (stats.mode & 0o777).toString(8).padStart(4, "0");
  if (options.samplesDir !== undefined && (await isInside(path, options.samplesDir)))
    return [
      fileIssue(
        "sample-file-permissions",
        "info",
        `group or others may read this file (mode ${mode}); allowed because it is one of oathkit's own sample files, which hold fake seeds`,
      ),
    ];
  if (options.allowInsecurePermissions)
    return [
      fileIssue(
        "insecure-permissions",
        "warning",
        `group or others may read this seed file (mode ${mode}); read anyway because of --allow-insecure-permissions`,
      ),
    ];
  throw new InputFileError(
    `${path} may be read by group or others (mode ${mode}); a seed file must be private.`,
    {
      hint: `Run \`chmod 600 ${path}\`, or pass --allow-insecure-permissions if you accept the risk.`,
    },
  );
}

async function isInside(path: string, dir: string): Promise<boolean> {
  try {
    const [file, root] = await Promise.all([realpath(path), realpath(dir)]);
    return file.startsWith(root.endsWith(sep) ? root : root + sep);
  } catch {
    return false;
  }
}

function fileIssue(code: Issue["code"], severity: Issue["severity"], message: string): Issue {
  return { line: 1, field: null, code, severity, message };
}
