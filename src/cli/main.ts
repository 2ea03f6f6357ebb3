#!/usr/bin/env node
/**
 * @module
 * Entry point of the `e-akimat` command (`npm run cli -- …`; `npm start` runs `serve`, which keeps
 * the process alive until a signal stops it).
 */
import { runCli } from './program.js'

// Output piped into a command that stops reading (`… | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
}

process.exitCode = await runCli(process.argv)
