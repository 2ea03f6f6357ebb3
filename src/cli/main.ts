#!/usr/bin/env node
/**
 * @module
 * Entry point of the `e-akimat` command (`npm run cli -- …`; `npm start` runs `serve`, which keeps
 * the process alive until a signal stops it).
 */
import { runCli } from './program.js'

process.exitCode = await runCli(process.argv)
