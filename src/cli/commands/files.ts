/**
 * @module
 * `files …`: the uploaded-file store (to be written).
 */
import type { Command } from 'commander'

export function registerFilesCommands(program: Command): void {
  program.command('files').description('the uploaded-file store')
}
