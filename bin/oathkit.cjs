#!/usr/bin/env node
// The installed `oathkit` command. Any Node can parse this file (CommonJS, ES5 syntax: ESLint holds
// it to ecmaVersion 5): on a Node too old for oathkit it says so in one sentence and exits 2 before
// loading anything else; otherwise start.cjs loads the application (ES modules) from dist/.
// The floor is Node 22.19 / 24.5 (tls.setDefaultCACertificates), and 23.x never had it: keep it
// equal to "engines" in package.json (docs/install.md).
"use strict";

var version = process.versions.node;
var parts = version.split(".");
var major = parseInt(parts[0], 10);
var minor = parseInt(parts[1], 10);
var supported = major > 24 || (major === 24 && minor >= 5) || (major === 22 && minor >= 19);

if (supported) {
  require("./start.cjs");
} else {
  var advice = " \u2014 install a newer Node or use the standalone executable.\n";
  process.stderr.write("oathkit needs Node.js 22.19+ or 24.5+; this is v" + version + advice);
  process.exitCode = 2;
}
