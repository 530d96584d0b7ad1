// Loaded with `node --import`: prints each package a program loads from node_modules, one line
// `PKG <name>` on stderr, so a test can see which libraries a command pulls in.
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const name = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(result.url)?.[1];
  if (name !== undefined) process.stderr.write("PKG " + name + "\\n");
  return result;
}`)}`,
);
