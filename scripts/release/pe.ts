// Just enough of the PE format (Windows executables) for the release: read the header facts the
// checks assert, drop the Authenticode signature that injecting the application would invalidate
// (signtool's "remove", done here because no Windows tool runs on the build machine), and set the
// header checksum of the final file.
const securityDirectory = 4;

type Layout = { optional: number; dataDirectories: number; magic: number };

function layout(exe: Buffer): Layout {
  if (exe.length < 0x40 || exe.toString("latin1", 0, 2) !== "MZ") throw new Error("no MZ header");
  const pe = exe.readUInt32LE(0x3c);
  if (exe.toString("latin1", pe, pe + 4) !== "PE\0\0") throw new Error("no PE signature");
  const optional = pe + 24;
  const magic = exe.readUInt16LE(optional);
  if (magic !== 0x20b && magic !== 0x10b)
    throw new Error(`unknown optional header 0x${magic.toString(16)}`);
  return { optional, dataDirectories: optional + (magic === 0x20b ? 112 : 96), magic };
}

export type PeFacts = { machine: string; format: string; subsystem: string; signed: boolean };

/** The facts the release check asserts about a Windows executable (throws if it is not PE). */
export function peFacts(exe: Buffer): PeFacts {
  const { optional, dataDirectories, magic } = layout(exe);
  const machine = exe.readUInt16LE(exe.readUInt32LE(0x3c) + 4);
  const subsystem = exe.readUInt16LE(optional + 68);
  return {
    machine: machine === 0x8664 ? "x64" : `0x${machine.toString(16)}`,
    format: magic === 0x20b ? "PE32+" : "PE32",
    subsystem: subsystem === 3 ? "console" : String(subsystem),
    signed: exe.readUInt32LE(dataDirectories + securityDirectory * 8 + 4) !== 0,
  };
}

/** The executable without its Authenticode signature (the certificate table ends the file). */
export function withoutSignature(exe: Buffer): Buffer {
  const entry = layout(exe).dataDirectories + securityDirectory * 8;
  const offset = exe.readUInt32LE(entry);
  const size = exe.readUInt32LE(entry + 4);
  if (size === 0) return exe;
  if (offset + size > exe.length) throw new Error("the certificate table runs past the file");
  if (exe.subarray(offset + size).some((byte) => byte !== 0))
    throw new Error("data follows the certificate table; refusing to cut it");
  const out = Buffer.from(exe.subarray(0, offset));
  out.writeUInt32LE(0, entry);
  out.writeUInt32LE(0, entry + 4);
  return withChecksum(out);
}

/** The executable with its header checksum recomputed (the algorithm of imagehlp's CheckSumMappedFile). */
export function withChecksum(exe: Buffer): Buffer {
  const field = layout(exe).optional + 64;
  let sum = 0;
  for (let i = 0; i < exe.length; i += 2) {
    if (i === field || i === field + 2) continue;
    sum += i + 1 < exe.length ? exe.readUInt16LE(i) : (exe[i] ?? 0);
    sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  }
  sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  const out = Buffer.from(exe);
  out.writeUInt32LE((sum + exe.length) >>> 0, field);
  return out;
}
