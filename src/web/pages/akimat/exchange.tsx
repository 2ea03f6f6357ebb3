/**
 * @module
 * An akimat's import and export (`/akimats/:id/exchange`): the architecture as an XLSX workbook
 * to fill in, as CSV, as an ArchiMate exchange file and as Backstage's catalog-info.yaml, for
 * everyone who may read the akimat; and, for its editors and administrators, the upload of a
 * filled-in workbook (`POST /akimats/:id/import`, multipart, at most 5 MiB). An import is all or
 * nothing: with any problem the page answers 400 with a table of rows, columns, function keys and
 * messages, and nothing is stored. File names are made here from the KATO code and the date.
 */
import type { Context, Hono } from 'hono'
import {
  type AkimatArchitecture,
  akimatArchitecture,
  akimatFor,
  architectureFileName,
  canEditAkimat,
  type ImportProblem,
  ImportRejected,
  importArchitecture,
  writeAkimatArchimate,
  writeAkimatBackstage,
  writeArchitectureCsv,
  writeArchitectureXlsx,
} from '../../../akimat/index.js'
import { ForbiddenError, InputError } from '../../../core/index.js'
import { isMessageKey, type Translator } from '../../../i18n/index.js'
import { requireActor } from '../../auth.js'
import type { AppEnv } from '../../context.js'
import { CsrfField } from '../../forms.js'
import { ErrorBox, errorMessage } from '../portal/frame.js'
import { AkimatPage, akimatIdParam, catalogOf, dbOf } from './frame.js'
import { akimatPath } from './function.js'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Problems listed on the page at most; the count says how many more there are. */
const PROBLEMS_SHOWN = 500

/** The files offered, by route suffix. */
const DOWNLOADS = {
  'architecture.xlsx': { type: XLSX_TYPE, label: 'akimat.exchange.pages.download.xlsx' },
  'architecture.csv': {
    type: 'text/csv; charset=utf-8',
    label: 'akimat.exchange.pages.download.csv',
  },
  'architecture.archimate.xml': {
    type: 'application/xml; charset=utf-8',
    label: 'akimat.exchange.pages.download.archimate',
  },
  'catalog-info.yaml': {
    type: 'application/yaml; charset=utf-8',
    label: 'akimat.exchange.pages.download.backstage',
  },
} as const
type Download = keyof typeof DOWNLOADS

async function fileFor(
  download: Download,
  architecture: AkimatArchitecture,
  c: Context<AppEnv>,
): Promise<{ name: string; body: Uint8Array<ArrayBuffer> }> {
  const snapshot = await catalogOf(c)
  switch (download) {
    case 'architecture.xlsx':
      return {
        name: architectureFileName(architecture, 'xlsx'),
        body: new Uint8Array(await writeArchitectureXlsx(architecture, snapshot)),
      }
    case 'architecture.csv':
      return {
        name: architectureFileName(architecture, 'csv'),
        body: new Uint8Array(writeArchitectureCsv(architecture, snapshot)),
      }
    case 'architecture.archimate.xml':
      return {
        name: architectureFileName(architecture, 'archimate.xml'),
        body: new Uint8Array(
          new TextEncoder().encode(writeAkimatArchimate(architecture, snapshot)),
        ),
      }
    case 'catalog-info.yaml':
      return {
        name: 'catalog-info.yaml',
        body: new Uint8Array(
          new TextEncoder().encode(writeAkimatBackstage(architecture, snapshot)),
        ),
      }
  }
}

/** A problem's message in the page language (the English text when the key is unknown). */
const problemText = (t: Translator, p: ImportProblem) =>
  isMessageKey(p.messageKey) ? t(p.messageKey, p.params) : p.message

interface PageState {
  done?: { rows: number; changed: number }
  error?: string
  problems?: ImportProblem[]
}

async function exchangePage(c: Context<AppEnv>, state: PageState = {}) {
  const actor = requireActor(c)
  const t = c.get('t')
  const id = akimatIdParam(c)
  const db = dbOf(c)
  const akimat = await akimatFor(db, actor, id)
  const editable = canEditAkimat(actor, id)
  const title = t('akimat.exchange.pages.title')
  const architecture = akimat.profile
    ? await akimatArchitecture(db, actor, await catalogOf(c), id)
    : undefined
  const problems = state.problems ?? []
  return (
    <AkimatPage c={c} title={title} akimat={akimat} tab="exchange">
      <h1>{title}</h1>
      <p class="lead">{t('akimat.exchange.pages.intro')}</p>
      {state.done ? (
        <p
          class="notice"
          role="status"
          data-rows={state.done.rows}
          data-changed={state.done.changed}
        >
          {t('akimat.exchange.pages.done', state.done)}
        </p>
      ) : null}
      <ErrorBox message={state.error} />
      {problems.length > 0 ? (
        <section aria-labelledby="import-problems">
          <h2 id="import-problems">{t('akimat.exchange.pages.problems.title')}</h2>
          <p class="error-message" role="alert">
            {t('akimat.exchange.pages.problems.intro', { count: problems.length })}
          </p>
          <section class="table-scroll" aria-labelledby="import-problems" tabindex={0}>
            <table class="akimat-import-problems">
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {t('akimat.exchange.pages.column.row')}
                  </th>
                  <th scope="col">{t('akimat.exchange.pages.column.column')}</th>
                  <th scope="col">{t('akimat.exchange.pages.column.key')}</th>
                  <th scope="col">{t('akimat.exchange.pages.column.message')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.slice(0, PROBLEMS_SHOWN).map((p) => (
                  <tr data-row={p.row} data-column={p.column}>
                    <td class="num">{p.row}</td>
                    <td class="code">
                      {p.column}
                      {p.cell ? ` (${p.cell})` : ''}
                    </td>
                    <td class="code">{p.key || '—'}</td>
                    <td>{problemText(t, p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {problems.length > PROBLEMS_SHOWN ? (
            <p class="muted">
              {t('akimat.exchange.pages.problems.more', {
                count: problems.length - PROBLEMS_SHOWN,
              })}
            </p>
          ) : null}
        </section>
      ) : null}

      {architecture ? (
        <section aria-labelledby="downloads">
          <h2 id="downloads">{t('akimat.exchange.pages.download.title')}</h2>
          <p>
            {t('akimat.exchange.pages.download.asOf', {
              typicalAt: architecture.akimat.profile.typicalAt,
              functions: architecture.functions.length,
            })}
          </p>
          <ul class="downloads">
            {(Object.keys(DOWNLOADS) as Download[]).map((name) => (
              <li>
                <a href={`${akimatPath(id)}/${name}`} download>
                  {t(DOWNLOADS[name].label)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p class="notice">{t('akimat.exchange.pages.notAdopted')}</p>
      )}

      {architecture && editable ? (
        <form
          method="post"
          action={`${akimatPath(id)}/import`}
          enctype="multipart/form-data"
          class="portal-form upload"
        >
          <CsrfField token={c.get('csrfToken')} />
          <h2>{t('akimat.exchange.pages.upload.title')}</h2>
          <p class="hint">{t('akimat.exchange.pages.upload.intro')}</p>
          <p>
            <label for="import-file">{t('akimat.exchange.pages.upload.file')}</label>
            <input
              type="file"
              id="import-file"
              name="file"
              required
              accept={`.xlsx,${XLSX_TYPE}`}
            />
          </p>
          <p>
            <button type="submit">{t('akimat.exchange.pages.upload.submit')}</button>
          </p>
        </form>
      ) : architecture ? (
        <p class="muted">{t('akimat.exchange.pages.upload.readOnly')}</p>
      ) : null}
    </AkimatPage>
  )
}

export function registerExchangePages(app: Hono<AppEnv>): void {
  app.get('/akimats/:id/exchange', async (c) => c.html(await exchangePage(c)))

  for (const download of Object.keys(DOWNLOADS) as Download[]) {
    app.get(`/akimats/:id/${download}`, async (c) => {
      const actor = requireActor(c)
      const architecture = await akimatArchitecture(
        dbOf(c),
        actor,
        await catalogOf(c),
        akimatIdParam(c),
      )
      const file = await fileFor(download, architecture, c)
      // The name is made here from the KATO code (nine digits) and the date: nothing typed.
      c.header('Content-Disposition', `attachment; filename="${file.name}"`)
      c.header('Content-Type', DOWNLOADS[download].type)
      return c.body(file.body)
    })
  }

  app.post('/akimats/:id/import', async (c) => {
    const actor = requireActor(c)
    const id = akimatIdParam(c)
    const db = dbOf(c)
    // Not readable: 404; readable but not an editor or administrator: 403.
    await akimatFor(db, actor, id)
    if (!canEditAkimat(actor, id)) {
      throw new ForbiddenError(
        'Only the akimat’s editors and administrators import',
        'akimat.error.forbidden',
      )
    }
    const body = (await c.req.parseBody()) as Record<string, unknown>
    const file = body.file
    if (!(file instanceof File) || file.size === 0) {
      return c.html(
        await exchangePage(c, { error: c.get('t')('akimat.exchange.error.noFile') }),
        400,
      )
    }
    try {
      const bytes = new Uint8Array(await file.arrayBuffer())
      const done = await importArchitecture(db, actor, await catalogOf(c), id, bytes)
      return c.html(await exchangePage(c, { done }))
    } catch (error) {
      if (error instanceof ImportRejected) {
        return c.html(await exchangePage(c, { problems: error.problems }), 400)
      }
      if (error instanceof InputError) {
        return c.html(await exchangePage(c, { error: errorMessage(c.get('t'), error) }), 400)
      }
      throw error
    }
  })
}
