import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { OathkitError, UsageError } from "../errors.js";

/**
Write a file only its owner can read (mode 0600 from creation). An existing file is never
replaced silently: without `replace` that is a UsageError; with it, the new content goes to a
private temporary file that is then renamed over the old one.

No link is ever followed: the file (or the temporary one, whose name is unpredictable) is created
with O_EXCL, which fails on any existing name, a symbolic link included; rename(2) replaces a link
at the path itself, never what it points to.
*/
export async function writePrivateFile(
  path: string,
  content: string,
  options: { replace: boolean },
): Promise<void> {
  const target = options.replace
    ? `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`
    : path;
  let handle;
  try {
    handle = await open(target, "wx", 0o600);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "EEXIST" && !options.replace)
      throw new UsageError(`${path} already exists; oathkit does not overwrite a file silently.`, {
        hint: "Choose another path, or pass --force to replace it.",
      });
    throw new OathkitError(
      `${path} cannot be written (${typeof code === "string" ? code : "unknown error"}).`,
      { cause: error },
    );
  }
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(target, { force: true });
    throw new OathkitError(`${path} cannot be written.`, { cause: error });
  }
  await handle.close();
  if (target !== path) await rename(target, path);
}
