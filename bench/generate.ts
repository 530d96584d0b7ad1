import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export const workDir = fileURLToPath(new URL("./.work/", import.meta.url));

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Random 20-byte Base32 seed, written without a library so generation stays fast. */
function seed(): string {
  const bytes = randomBytes(20);
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** A Token2-layout CSV of `rows` valid tokens (one per user), mode 0600; reused when present. */
export async function seedCsv(rows: number): Promise<string> {
  mkdirSync(workDir, { recursive: true });
  const path = `${workDir}tokens-${rows}.csv`;
  if (existsSync(path)) return path;
  const out = createWriteStream(path, { mode: 0o600 });
  out.write("upn,serial number,secret key,timeinterval,manufacturer,model\n");
  let batch = "";
  for (let i = 0; i < rows; i++) {
    batch += `user${i}@contoso.example,${60000000 + i},${seed()},30,Token2,C202\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, "drain");
      batch = "";
    }
  }
  out.end(batch);
  await once(out, "finish");
  return path;
}
