import { looksLikeSecret } from "../../secrets/secret-like.js";
import type { TokenField } from "../../token-fields.js";
import { recordIssue, type Issue } from "../../issues/issue.js";
import type { IssueCode } from "../../issues/issue-codes.js";
import type { RawRecord } from "../raw-record.js";
import { quote, type ContainerKeys } from "./container-keys.js";
import { readInteger, readSecret, type Problem } from "./data-value.js";
import { child, path, textAt, type XmlElement } from "./xml-tree.js";

type Values = RawRecord["values"];

/**
Map one `<KeyPackage>` onto a RawRecord. Values keep the file's text (the validate stage applies
the common rules); what only PSKC can say (algorithm, digits, encoding, T0, MAC) is checked here
and reported on the record. Every issue carries the line of the `<KeyPackage>` start tag.
*/
export function readKeyPackage(pkg: XmlElement, keys: ContainerKeys): RawRecord {
  const issues: Issue[] = [];
  const report = (field: TokenField | null, { code, message }: Problem): void => {
    issues.push(recordIssue(pkg.line, field, code, message));
  };
  const device = child(pkg, "DeviceInfo");
  const key = child(pkg, "Key");
  const data = child(key, "Data");

  const values: Values = {};
  const set = (field: keyof Values, value: string | undefined): void => {
    if (value !== undefined && value !== "") values[field] = value;
  };
  set("serialNumber", textAt(device, "SerialNo") ?? key?.attrs["Id"]?.trim());
  set("manufacturer", textAt(device, "Manufacturer"));
  set("model", textAt(device, "Model"));
  set("displayName", textAt(key, "FriendlyName"));
  const userId = textAt(key, "UserId") ?? textAt(device, "UserId");
  if (userId !== undefined && !userId.includes("@")) {
    // RFC 6030 Figure 3 and Yubico's profile put an LDAP name here (UID=…,DC=…): not a UPN.
    report(
      null,
      problem(
        "pskc-userid-not-upn",
        "UserId is not a UPN (an LDAP name or a user name); the token has no holder from the file — --map can give one",
      ),
    );
  } else set("upn", userId);

  const algorithmProblem = checkAlgorithm(key?.attrs["Algorithm"]?.trim());
  // A key that is not TOTP gets that one reason: its Suite, digits and counter are another
  // algorithm's parameters (an OCRA suite is not a hash), not mistakes to report one by one.
  if (algorithmProblem !== undefined) report(null, algorithmProblem);
  const suite = checkTotpParameters(key, data, keys, algorithmProblem === undefined, report, set);
  const secret = readSecret(child(data, "Secret"), keys);
  if (secret.problem !== undefined) report("secretKey", secret.problem);
  if (algorithmProblem === undefined && suite === undefined && secret.value?.byteLength === 32) {
    report(
      "hashFunction",
      problem(
        "pskc-hash-assumed",
        "no Suite: read as SHA-1 (the PSKC default), but the seed is 32 bytes, the length of a SHA-256 key; ask the vendor which hash the tokens use",
      ),
    );
  }

  return {
    line: pkg.line,
    values,
    secret: secret.value === undefined ? undefined : { kind: "bytes", seed: secret.value },
    issues,
  };
}

type Report = (field: TokenField | null, problem: Problem) => void;

/** Suite, ResponseFormat, TimeInterval and Time of a key; their problems only for a TOTP key. */
function checkTotpParameters(
  key: XmlElement | undefined,
  data: XmlElement | undefined,
  keys: ContainerKeys,
  isTotp: boolean,
  reportAll: Report,
  set: (field: keyof Values, value: string | undefined) => void,
): string | undefined {
  const report: Report = (field, found) => {
    if (isTotp) reportAll(field, found);
  };
  for (const problem of checkResponseFormat(path(key, "AlgorithmParameters", "ResponseFormat"))) {
    report(null, problem);
  }

  // privacyIDEA's export writes the hash as an attribute: <suite hashalgo="sha256"/>.
  const suiteElement = path(key, "AlgorithmParameters", "Suite");
  const suite = textAt(suiteElement) ?? nonEmpty(suiteElement?.attrs["hashalgo"]);
  const hash = suite === undefined ? "hmacsha1" : normaliseSuite(suite);
  set("hashFunction", hash ?? suite);
  if (hash === undefined) {
    report(
      "hashFunction",
      problem(
        "pskc-hash",
        `hash ${quote(suite, ["hash", "uri"])} is not SHA-1 or SHA-256, which Entra needs`,
      ),
    );
  }

  const interval = readInteger(child(data, "TimeInterval"), keys, "TimeInterval");
  if (interval.problem !== undefined) report("timeIntervalInSeconds", interval.problem);
  if (interval.value !== undefined) {
    set("timeIntervalInSeconds", String(interval.value));
    if (interval.value !== 30 && interval.value !== 60) {
      report(
        "timeIntervalInSeconds",
        problem("pskc-interval", `time step is ${interval.value} s; Entra takes 30 or 60 s`),
      );
    }
  }

  const time = readInteger(child(data, "Time"), keys, "Time");
  if (time.problem !== undefined) report(null, time.problem);
  if (time.value !== undefined && time.value !== 0) {
    report(
      null,
      problem(
        "pskc-time-origin",
        `Time (T0) is ${time.value}, not 0; Entra counts from the Unix epoch`,
      ),
    );
  }

  return suite;
}

const hotp = /[:#]hotp$/iu;
const totp = /[:#]totp$/iu;

/** RFC 6030 names `urn:ietf:params:xml:ns:keyprov:pskc:totp`; drafts used `...pskc#totp`. */
function checkAlgorithm(algorithm: string | undefined): Problem | undefined {
  if (algorithm !== undefined && totp.test(algorithm)) return undefined;
  if (algorithm !== undefined && hotp.test(algorithm)) {
    return problem("pskc-not-totp", "HOTP (counter-based) key; Entra takes TOTP keys only");
  }
  if (algorithm !== undefined && /[:#]ocra(?:$|[-:])/iu.test(algorithm)) {
    return problem("pskc-not-totp", "OCRA (challenge-response) key; Entra takes TOTP keys only");
  }
  return problem(
    "pskc-not-totp",
    `algorithm ${quote(algorithm)} is not TOTP; Entra takes TOTP keys only`,
  );
}

/** Absent ResponseFormat or Encoding: nothing to object to (6-digit decimal is the default). */
function checkResponseFormat(format: XmlElement | undefined): Problem[] {
  const problems: Problem[] = [];
  const length = format?.attrs["Length"]?.trim();
  const encoding = format?.attrs["Encoding"]?.trim();
  if (length !== undefined && length !== "6") {
    problems.push(problem("pskc-digits", `codes are ${shown(length)} digits long; Entra takes 6`));
  }
  if (encoding !== undefined && encoding.toUpperCase() !== "DECIMAL") {
    problems.push(
      problem(
        "pskc-encoding",
        `codes are ${shown(encoding)}, not DECIMAL; Entra takes decimal codes`,
      ),
    );
  }
  return problems;
}

/**
`Suite` as vendors write it (`HMAC-SHA256`, `hmac-sha1`, `SHA1`, an xmldsig URI) → the Graph
hash name, or undefined when it is neither SHA-1 nor SHA-256.
*/
export function normaliseSuite(suite: string): "hmacsha1" | "hmacsha256" | undefined {
  const name = (suite.split("#").at(-1) ?? "").toLowerCase().replace(/[^a-z0-9]/gu, "");
  const bare = name.startsWith("hmac") ? name.slice(4) : name;
  if (bare === "sha1") return "hmacsha1";
  if (bare === "sha256") return "hmacsha256";
  return undefined;
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** A short word or number from the file as it is; anything else quoted only if safe to show. */
function shown(text: string): string {
  return /^\w{1,20}$/u.test(text) && !looksLikeSecret(text)
    ? text
    : quote(text, ["number", "word"]);
}

function problem(code: IssueCode, message: string): Problem {
  return { code, message };
}
