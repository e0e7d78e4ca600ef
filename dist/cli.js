#!/usr/bin/env node
// Entry point of the CLI (dist/cli.js): placeholder until the CLI is wired.
process.stderr.write('cargo-advisory-review: the CLI is not wired yet\n');
process.exitCode = 2;
