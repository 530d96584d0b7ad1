/** A stack frame, a Node crash warning or error code, or oathkit's own "internal error" sentence. */
const trace =
  /^\s*at .+:\d+:\d+\)?$|unsettled top-level await|\bERR_[A-Z_]+\b|internal error|\bTypeError\b/mu;

/** Where a text shows a stack trace or a crash: none may reach a user (stdout, stderr, a file). */
export function findTraces(texts: Record<string, string>): string[] {
  return Object.entries(texts)
    .filter(([, text]) => trace.test(text))
    .map(([where, text]) => `${where}: ${trace.exec(text)?.[0] ?? ""}`);
}
