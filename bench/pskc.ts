// PSKC at scale (issue #10): the real CLI validating a 100,000-key plain PSKC file against the
// CSV of the same tokens — wall time (median of 3 alternating runs) and peak RSS of each.
// Targets: PSKC peak RSS < 256 MB, PSKC time within 3x the CSV's.
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export const name = "pskc";

const keys = 100_000;
const work = fileURLToPath(new URL("./.work/", import.meta.url));
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const probe =
  "data:text/javascript,process.on('exit',()=>process.stderr.write('maxRSS='+process.resourceUsage().maxRSS+'\\n'))";

/** The same tokens twice: a plain PSKC file and a CSV (Base32 from the same bytes). */
async function files(): Promise<{ pskc: string; csv: string }> {
  mkdirSync(work, { recursive: true });
  const pskc = `${work}tokens-${keys}.pskc`;
  const csv = `${work}tokens-${keys}-same.csv`;
  if (existsSync(pskc) && existsSync(csv)) return { pskc, csv };
  const x = createWriteStream(pskc, { mode: 0o600 });
  const c = createWriteStream(csv, { mode: 0o600 });
  x.write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">\n',
  );
  c.write("upn,serial number,secret key,time interval,manufacturer,model,hash function\n");
  let xb = "";
  let cb = "";
  for (let i = 0; i < keys; i++) {
    const seed = randomBytes(20);
    const serial = 60000000 + i;
    const upn = `user${i}@contoso.example`;
    xb += `  <KeyPackage>\n    <DeviceInfo><Manufacturer>Token2</Manufacturer><SerialNo>${serial}</SerialNo><Model>C202</Model></DeviceInfo>\n    <Key Id="${serial}" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:totp">\n      <UserId>${upn}</UserId>\n      <AlgorithmParameters><Suite>HMAC-SHA1</Suite><ResponseFormat Length="6" Encoding="DECIMAL"/></AlgorithmParameters>\n      <Data><Secret><PlainValue>${seed.toString("base64")}</PlainValue></Secret><Time><PlainValue>0</PlainValue></Time><TimeInterval><PlainValue>30</PlainValue></TimeInterval></Data>\n    </Key>\n  </KeyPackage>\n`;
    cb += `${upn},${serial},${seed.toString("hex")},30,Token2,C202,hmacsha1\n`;
    if (xb.length > 1 << 20) {
      if (!x.write(xb)) await once(x, "drain");
      if (!c.write(cb)) await once(c, "drain");
      xb = "";
      cb = "";
    }
  }
  x.end(`${xb}</KeyContainer>\n`);
  c.end(cb);
  await Promise.all([once(x, "finish"), once(c, "finish")]);
  return { pskc, csv };
}

function run(path: string): { ms: number; mb: number; exit: number | null } {
  const started = performance.now();
  const child = spawnSync(process.execPath, ["--import", probe, cli, "validate", path, "--json"], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const ms = performance.now() - started;
  const kb = Number(/maxRSS=(\d+)/u.exec(child.stderr)?.[1] ?? Number.NaN);
  return { ms, mb: kb / 1024, exit: child.status };
}

const median = (values: number[]): number => values.sort((a, b) => a - b)[values.length >> 1]!;

export async function run_(): Promise<void> {
  const { pskc, csv } = await files();
  const x: ReturnType<typeof run>[] = [];
  const c: ReturnType<typeof run>[] = [];
  for (let i = 0; i < 3; i++) {
    c.push(run(csv));
    x.push(run(pskc));
  }
  const show = (label: string, rs: ReturnType<typeof run>[]) =>
    console.log(
      `  ${label}: exit ${rs[0]!.exit}, ${median(rs.map((r) => r.ms)).toFixed(0)} ms (median of 3), peak RSS ${Math.max(...rs.map((r) => r.mb)).toFixed(0)} MB`,
    );
  show(`CSV  ${keys} tokens`, c);
  show(`PSKC ${keys} keys  `, x);
  const ratio = median(x.map((r) => r.ms)) / median(c.map((r) => r.ms));
  console.log(
    `  PSKC / CSV: ${ratio.toFixed(2)}x wall (target <= 3x); PSKC peak RSS target < 256 MB`,
  );
}
export { run_ as run };
