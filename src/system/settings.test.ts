import { describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import { InputError } from '../core/index.js'
import { getSetting, listSettings, setSetting } from './settings.js'

describe.each(BACKENDS)('settings storage [%s]', (backend) => {
  const handle = useTestDatabase(backend)

  it('returns undefined for a setting never set', async () => {
    expect(await getSetting(handle().db, 'never.set')).toBeUndefined()
  })

  it('stores JSON values of every shape and reads them back equal', async () => {
    const value = { acts: ['158', '142'], count: 3, ok: true, none: null, text: 'Әкімдік «ЭҮП»' }
    await setSetting(handle().db, 'acts.bundled-imported', value, 'cli')
    const read = await getSetting(handle().db, 'acts.bundled-imported')
    expect(read?.value).toEqual(value)
    expect(read?.updatedBy).toBe('cli')
    expect(read?.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  })

  it('replaces an existing setting instead of adding a second one', async () => {
    await setSetting(handle().db, 'ui.default-language', 'kk')
    await setSetting(handle().db, 'ui.default-language', 'ru', 'admin')
    const all = await listSettings(handle().db)
    expect(all.filter((s) => s.key === 'ui.default-language')).toHaveLength(1)
    expect((await getSetting(handle().db, 'ui.default-language'))?.value).toBe('ru')
  })

  it('rejects malformed keys with an input error and stores nothing', async () => {
    await expect(setSetting(handle().db, 'Bad Key', 1)).rejects.toBeInstanceOf(InputError)
    expect((await listSettings(handle().db)).map((s) => s.key)).not.toContain('Bad Key')
  })

  it('keeps nothing of a transaction that fails', async () => {
    await expect(
      handle()
        .db.transaction()
        .execute(async (trx) => {
          await setSetting(trx, 'tx.half-written', 1)
          throw new Error('boom')
        }),
    ).rejects.toThrow('boom')
    expect(await getSetting(handle().db, 'tx.half-written')).toBeUndefined()
  })
})
