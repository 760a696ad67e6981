#!/usr/bin/env node
/**
 * The executable entry point (package.json `bin`). It always runs the CLI: npm's bin links,
 * `npx` and global installs call it under other names, so it must not guess whether it is "main".
 */
import { main } from './main.js';

// Set the exit code and let Node exit on its own: process.exit() would cut off output still
// queued for a pipe (`prodgate check --format sarif | jq`).
main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
