/**
 * @module
 * `services list`: the regulated e-services the definitions in `src/services/definitions/`
 * describe. No database. The JSON form is a contract used by acceptance checks:
 * `{ "services": [{ "code", "name": { "kk", "ru" }, "channels", "steps", "act" }] }`,
 * `steps` being the number of steps over all channels and `act` the act's id.
 */
import type { Command } from 'commander'
import { channelsOf, loadServiceDefinitions, stepCount } from '../../services/index.js'
import { formatTable, parseFormat, printJson } from '../output.js'
import { registerServicesPkiCommands } from './services-pki.js'

export function registerServicesCommands(program: Command): void {
  const services = program
    .command('services')
    .description('regulated e-services (regulations 178/2012): definitions, steps, channels')
  registerServicesPkiCommands(services)

  services
    .command('list')
    .description('the e-services, their channels and number of steps')
    .option('--format <format>', 'output: table or json', 'table')
    .action((options: { format: string }) => {
      const format = parseFormat(options.format)
      const list = loadServiceDefinitions().map((d) => ({
        code: d.code,
        name: { kk: d.name.kk, ru: d.name.ru },
        channels: channelsOf(d),
        steps: stepCount(d),
        act: d.act.id,
      }))
      if (format === 'json') {
        // Exactly the documented shape: acceptance checks read it.
        printJson({ services: list })
        return
      }
      process.stdout.write(
        `${formatTable(list, [
          { header: 'Code', value: (s) => s.code },
          { header: 'Channels', value: (s) => s.channels.join(', ') },
          { header: 'Steps', value: (s) => s.steps },
          { header: 'Act', value: (s) => s.act },
          { header: 'Атауы', value: (s) => s.name.kk },
        ])}\n`,
      )
    })
}
