/**
 * @module
 * Structured logs: JSON lines from pino on stdout (or a given stream), one logger per process.
 */
import { type DestinationStream, type Logger, pino } from 'pino'
import type { LogLevel } from './config.js'

export type { Logger }

/** Creates the application logger; `destination` defaults to stdout. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'e-akimat' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', '*.password'],
      censor: '***',
    },
  }
  return destination ? pino(options, destination) : pino(options)
}
