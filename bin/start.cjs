// Loaded by oathkit.cjs once the Node version is known to be new enough: `import()` is syntax that
// Node 8 and older cannot parse, so it lives here and not in the file every Node reads.
"use strict";

import("../dist/cli.js").catch((error) => {
  process.stderr.write(
    `oathkit could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 70;
});
