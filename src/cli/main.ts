#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { SourceError } from '../ingest/index.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { buildProgram } from './program.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram(pkg.version).parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version "errors" are commander's way of stopping early: they are successes.
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`chokepoint: ${err.message}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof SourceError) {
      process.stderr.write(`chokepoint: ${err.message}\n`);
      return EXIT_FAILURE;
    }
    process.stderr.write(`chokepoint: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT_FAILURE;
  }
}

process.exitCode = await main(process.argv);
