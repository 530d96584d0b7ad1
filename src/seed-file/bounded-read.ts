import { open } from "node:fs/promises";
import { InputFileError } from "../errors.js";
import { limits, tooLarge } from "./input-limits.js";
import { describeFsError } from "./text-source.js";

/**
A small file read whole — `--map`, `remove --file` — as UTF-8 text: a regular file (never
/dev/zero or a pipe), at most `limits.wholeFileBytes`, checked before reading and while reading.
`what` names the file in messages ("the --map file", "serial files").
*/
export async function readBoundedText(path: string, what: string): Promise<string> {
  const handle = await open(path, "r").catch((error: unknown) => {
    throw new InputFileError(`${path} cannot be read (${describeFsError(error)}).`, {
      hint: "Check the path and that you may read the file.",
      cause: error,
    });
  });
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new InputFileError(`${path} is not a file; expected ${what}.`);
    const limit = limits.wholeFileBytes;
    if (stats.size > limit) throw tooLarge(path, stats.size, limit, what);
    const buffer = Buffer.alloc(stats.size + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > stats.size) throw tooLarge(path, -1, limit, what);
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(buffer.subarray(0, bytesRead));
    } catch (error) {
      throw new InputFileError(`${path} is not UTF-8 text; expected ${what}.`, { cause: error });
    }
  } finally {
    await handle.close();
  }
}
