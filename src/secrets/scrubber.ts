/**
Value-based scrubbing: the second line of defence behind field-based redaction. Every seed oathkit
loads is registered in all its text forms; `scrub` replaces any occurrence, in any case, inside
any string headed for output, a log, a report, a journal or an error message.

Matching is linear in the text: every registered form is at least `minLength` characters long, so
a candidate must start with one of the registered `minLength`-character prefixes.
*/
const minLength = 12;
export const scrubbedMarker = "[redacted]";

export class Scrubber {
  readonly #byPrefix = new Map<string, Set<string>>();
  readonly #codes = new Set<string>();

  /** Register a secret in the text forms it may appear in (case is ignored). */
  add(...forms: string[]): void {
    for (const form of forms) {
      const lower = form.toLowerCase();
      if (lower.length < minLength) continue;
      const prefix = lower.slice(0, minLength);
      let set = this.#byPrefix.get(prefix);
      if (set === undefined) {
        set = new Set();
        this.#byPrefix.set(prefix, set);
      }
      set.add(lower);
    }
  }

  get size(): number {
    let n = 0;
    for (const set of this.#byPrefix.values()) n += set.size;
    return n;
  }

  scrub(text: string): string {
    if (this.#byPrefix.size === 0 || text.length < minLength) return text;
    const lower = text.toLowerCase();
    let out = "";
    let copied = 0;
    let i = 0;
    while (i + minLength <= lower.length) {
      const candidates = this.#byPrefix.get(lower.slice(i, i + minLength));
      let matched = 0;
      if (candidates !== undefined) {
        for (const form of candidates) {
          if (form.length > matched && lower.startsWith(form, i)) matched = form.length;
        }
      }
      if (matched > 0) {
        out += text.slice(copied, i) + scrubbedMarker;
        i += matched;
        copied = i;
      } else {
        i += 1;
      }
    }
    return copied === 0 ? text : out + text.slice(copied);
  }

  /**
  Register a verification code this run sends to a server. Codes are too short for `scrub` (any
  6 digits would match serials and counts everywhere), so they are matched only in text a server
  wrote — `scrubServerText` — and only as whole numbers.
  */
  addCode(code: string): void {
    if (/^\d{6,10}$/u.test(code)) this.#codes.add(code);
  }

  /** A server's words: this run's codes (as whole numbers) and every registered seed removed. */
  scrubServerText(text: string): string {
    const codes = this.#codes;
    const out =
      codes.size === 0
        ? text
        : text.replace(/(?<!\d)\d{6,10}(?!\d)/gu, (n) => (codes.has(n) ? scrubbedMarker : n));
    return this.scrub(out);
  }

  /** Scrub every string inside a JSON-like value, at any depth. */
  scrubDeep<T>(value: T): T {
    return JSON.parse(this.scrub(JSON.stringify(value))) as T;
  }
}
