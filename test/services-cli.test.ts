/**
 * `services list` on the command line: real processes; stdout holds only the answer. The
 * database URL points at a closed port, so a command that opened it would fail.
 */
import { describe, expect, it } from 'vitest'
import { runCli } from './support/cli.js'

const NO_DATABASE = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' }
const run = (args: string[]) => runCli(['services', ...args], NO_DATABASE)

describe.concurrent('services commands', () => {
  it('list --format json prints the contract: code, kk/ru name, channels, steps, act', async () => {
    const r = await run(['list', '--format', 'json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const body = JSON.parse(r.stdout) as { services: Record<string, unknown>[] }
    expect(Object.keys(body)).toEqual(['services'])
    expect(body.services).toEqual([
      {
        code: 'apostille',
        name: {
          kk: 'Қазақстан Республикасының мемлекеттік мұрағаттарынан шығатын және шетелге жіберілетін мұрағаттық анықтамалар мен мұрағаттық құжаттардың көшірмелерін апостильдеу',
          ru: 'Апостилирование архивных справок и копий архивных документов, исходящих из государственных архивов Республики Казахстан и направляемых за рубеж',
        },
        channels: ['portal', 'desk', 'service-centre'],
        steps: 36,
        act: '2012-178',
      },
      {
        code: 'archival-certificate',
        name: { kk: 'Мұрағаттық анықтамалар беру', ru: 'Выдача архивных справок' },
        channels: ['portal', 'desk', 'service-centre'],
        steps: 32,
        act: '2012-178',
      },
      {
        code: 'mass-media-registration',
        name: {
          kk: 'Бұқаралық ақпарат құралдарын есепке қою',
          ru: 'Постановка на учет средств массовой информации',
        },
        channels: ['portal', 'desk'],
        steps: 25,
        act: '2012-178',
      },
    ])
  })

  it('list prints a table for people by default', async () => {
    const r = await run(['list'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^Code\s+Channels\s+Steps\s+Act\s+Атауы$/)
    expect(lines).toHaveLength(5)
    expect(lines[2]).toMatch(
      /^apostille\s+portal, desk, service-centre\s+36\s+2012-178\s+Қазақстан/,
    )
    expect(lines[3]).toMatch(
      /^archival-certificate\s+portal, desk, service-centre\s+32\s+2012-178\s+Мұрағаттық анықтамалар беру$/,
    )
    expect(lines[4]).toMatch(/^mass-media-registration\s+portal, desk\s+25\s+2012-178\s+Бұқаралық/)
  })

  it('refuses an unknown format with one line on stderr, exit 1', async () => {
    const r = await run(['list', '--format', 'xml'])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('e-akimat: --format must be one of table, json, not "xml"\n')
  })
})
