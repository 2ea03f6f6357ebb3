/**
 * @module
 * The `e-akimat` command line: its commands, and how failures become exit codes
 * (0 ok, 1 a user error with a message, 2 an internal error).
 */
import { Command } from 'commander'
import { APP_VERSION, isUserFacingError } from '../core/index.js'
import { registerActsCommands } from './commands/acts.js'
import { registerAkimatCommands } from './commands/akimat.js'
import { registerAuthCommands } from './commands/auth.js'
import { registerAutomationCommands } from './commands/automation.js'
import { registerCalendarCommands } from './commands/calendar.js'
import { registerCatalogCommands } from './commands/catalog.js'
import { registerDbCommands } from './commands/db.js'
import { registerFilesCommands } from './commands/files.js'
import { registerPortalCommands } from './commands/portal.js'
import { registerServeCommand } from './commands/serve.js'
import { registerServicesCommands } from './commands/services.js'

export const EXIT_OK = 0
export const EXIT_USER_ERROR = 1
export const EXIT_INTERNAL_ERROR = 2

export function buildProgram(): Command {
  const program = new Command('e-akimat')
    .description('e-akimat: the typical architecture of the e-akimat as working software')
    .version(APP_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError()
  registerDbCommands(program)
  registerFilesCommands(program)
  registerActsCommands(program)
  registerCatalogCommands(program)
  registerAuthCommands(program)
  registerCalendarCommands(program)
  registerPortalCommands(program)
  registerServicesCommands(program)
  registerAkimatCommands(program)
  registerAutomationCommands(program)
  registerServeCommand(program)
  return program
}

/** Runs the command line and returns the exit code; never throws. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram()
  program.exitOverride()
  try {
    await program.parseAsync(argv)
    return EXIT_OK
  } catch (error) {
    const err = error as { code?: string; exitCode?: number; message?: string }
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) {
      // Commander already printed its message (or the help / version, which exit 0).
      return err.exitCode === 0 ? EXIT_OK : EXIT_USER_ERROR
    }
    if (isUserFacingError(error)) {
      process.stderr.write(`e-akimat: ${(error as Error).message}\n`)
      return EXIT_USER_ERROR
    }
    process.stderr.write(
      `e-akimat: internal error: ${err.message ?? String(error)}\n` +
        `${(error as Error).stack?.split('\n').slice(1, 6).join('\n') ?? ''}\n` +
        'This is a bug; please report it with the command you ran.\n',
    )
    return EXIT_INTERNAL_ERROR
  }
}
