/**
 * @module
 * One function of an akimat's architecture (`/akimats/:id/functions/:key`): the catalogue row as
 * printed, paragraph 9.1's recommendation and whether the decision follows it, the decision form
 * (for the akimat's editors and administrators) and the decision's versions. Also the pieces the
 * architecture and gap pages share: how a decision's system or object, the recommended systems
 * and the levels are written.
 */
import type { Context, Hono } from 'hono'
import {
  type AkimatArchitecture,
  type AkimatFunction,
  akimatArchitecture,
  canEditAkimat,
  type Decision,
  type DecisionInput,
  type DecisionProblem,
  DecisionsRejected,
  decisionHistory,
  E_AKIMAT_SYSTEM,
  type FunctionStatus,
  type ObjectInfo,
  recordDecisions,
} from '../../../akimat/index.js'
import { listUsers } from '../../../auth/index.js'
import type { CatalogSnapshot } from '../../../catalog/index.js'
import { NotFoundError } from '../../../core/index.js'
import type { Language, MessageKey, Translator } from '../../../i18n/index.js'
import { requireActor } from '../../auth.js'
import { rowPath, systemPath } from '../../catalog-params.js'
import type { AppEnv } from '../../context.js'
import { CsrfField } from '../../forms.js'
import { ActLink, levelName, period } from '../catalog/frame.js'
import { field, kzDateTime, objectName } from '../portal/frame.js'
import { AkimatPage, akimatIdParam, catalogOf, dbOf } from './frame.js'

/** The page of an akimat's architecture. */
export const akimatPath = (id: number) => `/akimats/${id}`

/** The page of one function of an akimat's architecture (`158:2.1` is URL-encoded). */
export const functionPath = (id: number, key: string) =>
  `/akimats/${id}/functions/${encodeURIComponent(key)}`

/** A function key as the routes accept it: `architecture:section.number`. */
export const FUNCTION_KEY = /^\d{1,6}:\d{1,3}\.\d{1,5}$/

/** The status of a function in words. */
export const statusWord = (t: Translator, status: FunctionStatus) =>
  t(`akimat.status.${status}` as MessageKey)

/** The status as a badge: the words, with a border of the status's colour (never colour alone). */
export function StatusBadge({ t, status }: { t: Translator; status: FunctionStatus }) {
  return <span class={`badge akimat-status akimat-status-${status}`}>{statusWord(t, status)}</span>
}

/** A catalogue system's name as written (or its id when the catalogue no longer has it). */
export function systemName(snapshot: CatalogSnapshot, id: string): string {
  if (id === E_AKIMAT_SYSTEM) return 'e-akimat'
  return snapshot.systemById.get(id)?.name ?? id
}

/**
 * The recommended systems, each with its name in the other language when the catalogue pairs
 * them: `ЭҚАБЖ / СЭДО`.
 */
export function recommendedNames(snapshot: CatalogSnapshot, ids: readonly string[]): string[] {
  const shown = new Set<string>()
  const names: string[] = []
  for (const id of ids) {
    if (shown.has(id)) continue
    shown.add(id)
    const pair = snapshot.systemById.get(id)?.pair
    if (pair && ids.includes(pair) && !shown.has(pair)) {
      shown.add(pair)
      names.push(`${systemName(snapshot, id)} / ${systemName(snapshot, pair)}`)
    } else names.push(systemName(snapshot, id))
  }
  return names
}

export function Recommended({
  t,
  snapshot,
  ids,
}: {
  t: Translator
  snapshot: CatalogSnapshot
  ids: readonly string[]
}) {
  if (ids.length === 0) return <span class="muted">{t('akimat.pages.recommended.none')}</span>
  return <>{recommendedNames(snapshot, ids).join('; ')}</>
}

/** What automates a function, as text (for downloads): a system's name or an object's code and name. */
export function usedText(
  snapshot: CatalogSnapshot,
  objects: readonly ObjectInfo[],
  decision: Decision,
  language: Language,
): string {
  if (decision.systemId) return systemName(snapshot, decision.systemId)
  if (decision.objectId !== null) {
    const object = objects.find((o) => o.id === decision.objectId)
    if (!object) return `#${decision.objectId}`
    return [object.code, objectName(object, language)].filter(Boolean).join(' ')
  }
  return ''
}

/** What automates a function: the system, or the registry object with a link to its page. */
export function Used({
  t,
  snapshot,
  objects,
  decision,
  language,
}: {
  t: Translator
  snapshot: CatalogSnapshot
  objects: readonly ObjectInfo[]
  decision: Decision
  language: Language
}) {
  // e-akimat's own automation (switched on in /akimats/:id/automation) is not a catalogue system.
  if (decision.systemId === E_AKIMAT_SYSTEM) return <span class="e-akimat">e-akimat</span>
  if (decision.systemId) {
    const system = snapshot.systemById.get(decision.systemId)
    return (
      <a href={systemPath(decision.systemId)} lang={system?.language ?? undefined}>
        {systemName(snapshot, decision.systemId)}
      </a>
    )
  }
  if (decision.objectId !== null) {
    const object = objects.find((o) => o.id === decision.objectId)
    if (!object) return <>{t('akimat.pages.used.hiddenObject', { id: decision.objectId })}</>
    return (
      <a href={`/portal/objects/${object.id}`}>
        {object.code ? <span class="code">{object.code}</span> : null}{' '}
        {objectName(object, language)}
      </a>
    )
  }
  return <span class="muted">—</span>
}

/** The level reached and the target, with the levels the row prints. */
export function Levels({ t, fn }: { t: Translator; fn: AkimatFunction }) {
  return (
    <>
      <span class="nowrap">
        {fn.decision.level} / {fn.target}
      </span>
      <br />
      <span class="muted small">
        {fn.printedLevels.length
          ? t('akimat.pages.levels.printed', { levels: fn.printedLevels.join(', ') })
          : t('akimat.pages.levels.nonePrinted')}
      </span>
    </>
  )
}

/** Whether the decision follows paragraph 9.1's recommendation, in words. */
export function followsText(t: Translator, snapshot: CatalogSnapshot, fn: AkimatFunction): string {
  if (!fn.decision.performed) return t('akimat.pages.follows.notPerformed')
  if (fn.decision.level === 0) return t('akimat.pages.follows.notAutomated')
  if (fn.recommended.length === 0) return t('akimat.pages.follows.own')
  if (fn.decision.systemId && fn.recommended.includes(fn.decision.systemId)) {
    return t('akimat.pages.follows.yes', { system: systemName(snapshot, fn.decision.systemId) })
  }
  return t('akimat.pages.follows.no')
}

const SOURCE_KEYS: Record<string, MessageKey> = {
  form: 'akimat.pages.source.form',
  api: 'akimat.pages.source.api',
  import: 'akimat.pages.source.import',
  adoption: 'akimat.pages.source.adoption',
}

/** The form's fields as a decision on `key` (the domain checks every value). */
export function decisionFromForm(body: Record<string, unknown>, key: string): DecisionInput {
  const text = (name: string) => field(body, name).trim()
  const number = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : Number.NaN)
  const performed = text('performed')
  const object = text('object')
  const target = text('targetLevel')
  const version = body.expectedVersion === undefined ? undefined : text('expectedVersion')
  return {
    key,
    // Neither yes nor no: the domain says "performed must be yes or no".
    performed: performed === 'yes' ? true : performed === 'no' ? false : (null as never),
    systemId: text('system') || null,
    objectId: object ? number(object) : null,
    level: number(text('level')),
    targetLevel: target ? number(target) : null,
    note: field(body, 'note').trim() || null,
    expectedVersion: version === undefined ? undefined : version ? number(version) : null,
  }
}

export function registerFunctionPages(app: Hono<AppEnv>): void {
  app.get('/akimats/:id/functions/:key', async (c) => c.html(await functionPage(c)))
  app.post('/akimats/:id/functions/:key', async (c) => {
    const actor = requireActor(c)
    const id = akimatIdParam(c)
    const key = keyParam(c)
    const body = (await c.req.parseBody()) as Record<string, unknown>
    try {
      const { changed } = await recordDecisions(
        dbOf(c),
        actor,
        await catalogOf(c),
        id,
        [decisionFromForm(body, key)],
        'form',
      )
      return c.redirect(`${functionPath(id, key)}?done=${changed ? 'saved' : 'unchanged'}`, 303)
    } catch (error) {
      if (!(error instanceof DecisionsRejected)) throw error
      return c.html(await functionPage(c, { values: body, problems: error.problems }), 400)
    }
  })
}

function keyParam(c: Context<AppEnv>): string {
  const key = c.req.param('key') ?? ''
  if (!FUNCTION_KEY.test(key)) throw new NotFoundError(`No function ${key}`, 'error.notFound')
  return key
}

async function functionPage(
  c: Context<AppEnv>,
  form: { values?: Record<string, unknown>; problems?: DecisionProblem[] } = {},
) {
  const actor = requireActor(c)
  const t = c.get('t')
  const language = c.get('language')
  const id = akimatIdParam(c)
  const key = keyParam(c)
  const db = dbOf(c)
  const snapshot = await catalogOf(c)
  const architecture = await akimatArchitecture(db, actor, snapshot, id)
  const fn = architecture.functions.find((f) => f.key === key)
  const outside = architecture.outside.find((o) => o.key === key)
  if (!fn && !outside) throw new NotFoundError(`No function ${key}`, 'error.notFound')
  const history = await decisionHistory(db, actor, id, key)
  const users = new Map((await listUsers(db)).map((u) => [u.id, u.name]))
  const editable = canEditAkimat(actor, id)
  const done = c.req.query('done')
  const title = fn
    ? t('akimat.pages.function.title', { section: fn.row.section, number: fn.row.number })
    : t('akimat.pages.function.outsideTitle', { key })
  return (
    <AkimatPage c={c} title={title} akimat={architecture.akimat} tab="architecture">
      <p class="breadcrumbs">
        <a href={akimatPath(id)}>{t('akimat.tab.architecture')}</a>
      </p>
      <h1>{title}</h1>
      {done === 'saved' || done === 'unchanged' ? (
        <p class="notice" role="status">
          {t(done === 'saved' ? 'akimat.pages.done.saved' : 'akimat.pages.done.unchanged')}{' '}
          <a href={`${akimatPath(id)}/gaps`}>{t('akimat.pages.done.toGaps')}</a>
        </p>
      ) : null}
      {fn ? (
        <>
          <p>
            <StatusBadge t={t} status={fn.status} />
          </p>
          <RowFields t={t} fn={fn} />
          <section aria-labelledby="recommendation-h">
            <h2 id="recommendation-h">{t('akimat.pages.recommendation.title')}</h2>
            {fn.recommended.length ? (
              <p>
                {t('akimat.pages.recommendation.named')}{' '}
                <Recommended t={t} snapshot={snapshot} ids={fn.recommended} />
              </p>
            ) : (
              <p>{t('akimat.pages.recommendation.none')}</p>
            )}
            <p>
              <strong>{t('akimat.pages.recommendation.current')}</strong>{' '}
              {followsText(t, snapshot, fn)}
            </p>
          </section>
          <section aria-labelledby="decision-h">
            <h2 id="decision-h">{t('akimat.pages.decision.title')}</h2>
            {editable ? (
              <DecisionForm
                c={c}
                architecture={architecture}
                snapshot={snapshot}
                fn={fn}
                values={form.values}
                problems={form.problems ?? []}
              />
            ) : (
              <>
                <DecisionFacts
                  t={t}
                  snapshot={snapshot}
                  objects={architecture.objects}
                  decision={fn.decision}
                  language={language}
                  target={fn.target}
                />
                <p class="muted">{t('akimat.pages.decision.readOnly')}</p>
              </>
            )}
          </section>
        </>
      ) : (
        <p class="notice">{t('akimat.pages.function.outside')}</p>
      )}
      <section>
        <h2 id="history-h">{t('akimat.pages.history.title')}</h2>
        {history.length === 0 ? (
          <p class="muted">{t('akimat.pages.history.none')}</p>
        ) : (
          <section class="table-scroll" aria-labelledby="history-h" tabindex={0}>
            <table class="akimat-history">
              <thead>
                <tr>
                  <th scope="col">{t('akimat.pages.history.version')}</th>
                  <th scope="col">{t('akimat.pages.history.when')}</th>
                  <th scope="col">{t('akimat.pages.history.who')}</th>
                  <th scope="col">{t('akimat.pages.field.performed')}</th>
                  <th scope="col">{t('akimat.pages.column.used')}</th>
                  <th scope="col">{t('akimat.pages.column.levels')}</th>
                  <th scope="col">{t('akimat.pages.field.note')}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr>
                    <td class="num">{h.version}</td>
                    <td>
                      <time datetime={h.recordedAt}>{kzDateTime(h.recordedAt)}</time>
                      <br />
                      <span class="muted small">
                        {SOURCE_KEYS[h.source] ? t(SOURCE_KEYS[h.source]!) : h.source}
                      </span>
                    </td>
                    <td>{h.recordedBy !== null ? (users.get(h.recordedBy) ?? '—') : '—'}</td>
                    <td>{t(h.decision.performed ? 'akimat.pages.yes' : 'akimat.pages.no')}</td>
                    <td>
                      <Used
                        t={t}
                        snapshot={snapshot}
                        objects={architecture.objects}
                        decision={h.decision}
                        language={language}
                      />
                    </td>
                    <td class="nowrap">
                      {h.decision.level} /{' '}
                      {h.decision.targetLevel ?? t('akimat.pages.target.highestShort')}
                    </td>
                    <td class="prewrap">{h.decision.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
    </AkimatPage>
  )
}

/** The catalogue row as printed, with its act, lines and a link to the row's page. */
function RowFields({ t, fn }: { t: Translator; fn: AkimatFunction }) {
  const { row } = fn
  return (
    <dl class="fields">
      <dt>{t('catalog.column.group')}</dt>
      <dd lang={row.group ? row.language : undefined}>{row.group ?? t('catalog.groups.none')}</dd>
      <dt>{t('catalog.column.function')}</dt>
      <dd class="function" lang={row.language}>
        {row.function}
      </dd>
      <dt>{t('catalog.column.systems')}</dt>
      <dd lang={row.language}>{row.systems.length ? row.systems.join('; ') : '—'}</dd>
      <dt>{t('catalog.column.approach')}</dt>
      <dd lang={row.language}>{row.approach ?? '—'}</dd>
      <dt>{t('catalog.column.levels')}</dt>
      <dd>
        {row.levels.length ? (
          <ol class="automation-levels" lang={row.language}>
            {row.levels.map((l) => (
              <li value={String(l.level)}>{l.text}</li>
            ))}
          </ol>
        ) : (
          t('akimat.pages.levels.noneText')
        )}
      </dd>
      <dt>{t('catalog.column.resources')}</dt>
      <dd lang={row.language}>{row.resources.length ? row.resources.join('; ') : '—'}</dd>
      <dt>{t('catalog.column.unit')}</dt>
      <dd lang={row.language}>{row.unit ?? '—'}</dd>
      <dt>{t('catalog.column.act')}</dt>
      <dd>
        <ActLink id={row.act} />{' '}
        {t('akimat.pages.function.lines', {
          section: row.section,
          first: row.lines[0],
          last: row.lines[1],
        })}{' '}
        · <a href={rowPath(row)}>{t('akimat.pages.function.rowPage')}</a>
      </dd>
      <dt>{t('catalog.column.valid')}</dt>
      <dd>
        {period(t, row.validFrom, row.validTo)} ({levelName(t, row.section)})
      </dd>
    </dl>
  )
}

/** A decision as read-only facts. */
function DecisionFacts(props: {
  t: Translator
  snapshot: CatalogSnapshot
  objects: readonly ObjectInfo[]
  decision: Decision
  language: Language
  target: number
}) {
  const { t, decision } = props
  return (
    <dl class="facts">
      <dt>{t('akimat.pages.field.performed')}</dt>
      <dd>{t(decision.performed ? 'akimat.pages.yes' : 'akimat.pages.no')}</dd>
      <dt>{t('akimat.pages.column.used')}</dt>
      <dd>
        <Used {...props} />
      </dd>
      <dt>{t('akimat.pages.field.level')}</dt>
      <dd>{decision.level}</dd>
      <dt>{t('akimat.pages.field.targetLevel')}</dt>
      <dd>{decision.targetLevel ?? t('akimat.pages.target.highest', { level: props.target })}</dd>
      <dt>{t('akimat.pages.field.note')}</dt>
      <dd class="prewrap">{decision.note ?? '—'}</dd>
    </dl>
  )
}

const PROBLEM_FIELDS = [
  'key',
  'version',
  'performed',
  'system',
  'object',
  'level',
  'targetLevel',
  'note',
] as const
type ProblemField = (typeof PROBLEM_FIELDS)[number]

/** The decision form; `values` (a posted body) and `problems` when it is shown again. */
function DecisionForm({
  c,
  architecture,
  snapshot,
  fn,
  values,
  problems,
}: {
  c: Context<AppEnv>
  architecture: AkimatArchitecture
  snapshot: CatalogSnapshot
  fn: AkimatFunction
  values?: Record<string, unknown>
  problems: DecisionProblem[]
}) {
  const t = c.get('t')
  const language = c.get('language')
  const id = architecture.akimat.organisation.id
  const d = fn.decision
  const v = (name: string, fallback: string) => (values ? field(values, name) : fallback)
  const performed = v('performed', d.performed ? 'yes' : 'no')
  const system = v('system', d.systemId ?? '')
  const object = v('object', d.objectId === null ? '' : String(d.objectId))
  const level = v('level', String(d.level))
  const target = v('targetLevel', d.targetLevel === null ? '' : String(d.targetLevel))
  const messages = new Map<ProblemField, string[]>()
  for (const p of problems) {
    messages.set(p.field, [
      ...(messages.get(p.field) ?? []),
      t(p.messageKey as MessageKey, p.params),
    ])
  }
  const errorId = (f: ProblemField) => (messages.has(f) ? `error-${f}` : undefined)
  const FieldError = ({ name }: { name: ProblemField }) =>
    messages.has(name) ? (
      <p class="field-error" id={`error-${name}`}>
        {messages.get(name)!.join(' ')}
      </p>
    ) : null
  const recommended = fn.recommended.filter((s) => snapshot.systemById.has(s))
  const others = snapshot.systems
    .filter((s) => !fn.recommended.includes(s.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'kk'))
  const own = architecture.objects.filter(
    (o) => o.ownerOrganisationId === architecture.akimat.organisation.id,
  )
  const registry = architecture.objects.filter(
    (o) => o.ownerOrganisationId !== architecture.akimat.organisation.id,
  )
  const objectOption = (o: ObjectInfo) => (
    <option value={String(o.id)} selected={object === String(o.id)}>
      {[o.code, objectName(o, language)].filter(Boolean).join(' — ')}
    </option>
  )
  const levelText = (n: number) => fn.row.levels.find((l) => l.level === n)?.text
  return (
    <form method="post" action={functionPath(id, fn.key)} class="portal-form decision-form">
      {problems.length ? (
        <div class="error-message" role="alert">
          <p>{t('akimat.error.decisions', { count: problems.length })}</p>
          <ul>
            {problems.map((p) => (
              <li>{t(p.messageKey as MessageKey, p.params)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <CsrfField token={c.get('csrfToken')} />
      <input
        type="hidden"
        name="expectedVersion"
        value={fn.version === null ? '' : String(fn.version)}
      />
      <FieldError name="key" />
      <FieldError name="version" />
      <fieldset aria-describedby={errorId('performed')}>
        <legend>{t('akimat.pages.field.performed')}</legend>
        {(['yes', 'no'] as const).map((answer) => (
          <p class="checkbox">
            <input
              type="radio"
              id={`performed-${answer}`}
              name="performed"
              value={answer}
              checked={performed === answer}
            />{' '}
            <label for={`performed-${answer}`}>
              {t(answer === 'yes' ? 'akimat.pages.performed.yes' : 'akimat.pages.performed.no')}
            </label>
          </p>
        ))}
        <FieldError name="performed" />
      </fieldset>
      <fieldset>
        <legend>{t('akimat.pages.decision.what')}</legend>
        <p class="hint">{t('akimat.pages.decision.whatHint')}</p>
        <p>
          <label for="d-system">{t('akimat.pages.field.system')}</label>
          <select
            id="d-system"
            name="system"
            aria-describedby={errorId('system')}
            aria-invalid={messages.has('system') ? 'true' : undefined}
          >
            <option value="">{t('akimat.pages.field.none')}</option>
            {d.systemId === E_AKIMAT_SYSTEM ? (
              <option value={E_AKIMAT_SYSTEM} selected={system === E_AKIMAT_SYSTEM}>
                e-akimat
              </option>
            ) : null}
            {recommended.length ? (
              <optgroup label={t('akimat.pages.field.recommendedGroup')}>
                {recommended.map((sid) => (
                  <option value={sid} selected={system === sid}>
                    {systemName(snapshot, sid)}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label={t('akimat.pages.field.otherSystems')}>
              {others.map((s) => (
                <option value={s.id} selected={system === s.id}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          </select>
        </p>
        <FieldError name="system" />
        <p>
          <label for="d-object">{t('akimat.pages.field.object')}</label>
          <select
            id="d-object"
            name="object"
            aria-describedby={errorId('object')}
            aria-invalid={messages.has('object') ? 'true' : undefined}
          >
            <option value="">{t('akimat.pages.field.none')}</option>
            {own.length ? (
              <optgroup label={t('akimat.pages.field.ownObjects')}>
                {own.map(objectOption)}
              </optgroup>
            ) : null}
            {registry.length ? (
              <optgroup label={t('akimat.pages.field.registryObjects')}>
                {registry.map(objectOption)}
              </optgroup>
            ) : null}
          </select>
        </p>
        <FieldError name="object" />
      </fieldset>
      <fieldset aria-describedby={errorId('level')}>
        <legend>{t('akimat.pages.field.level')}</legend>
        {Array.from({ length: fn.maxLevel + 1 }, (_, n) => n).map((n) => {
          const text = levelText(n)
          return (
            <p class="checkbox">
              <input
                type="radio"
                id={`level-${n}`}
                name="level"
                value={String(n)}
                checked={level === String(n)}
              />{' '}
              <label for={`level-${n}`}>
                {n === 0 ? (
                  t('akimat.pages.level.zero')
                ) : text ? (
                  <>
                    {t('akimat.pages.level.n', { level: n })}{' '}
                    <span lang={fn.row.language}>{text}</span>
                  </>
                ) : (
                  t('akimat.pages.level.automated', { level: n })
                )}
              </label>
            </p>
          )
        })}
        <FieldError name="level" />
      </fieldset>
      <p>
        <label for="d-target">{t('akimat.pages.field.targetLevel')}</label>
        <select
          id="d-target"
          name="targetLevel"
          aria-describedby={errorId('targetLevel')}
          aria-invalid={messages.has('targetLevel') ? 'true' : undefined}
        >
          <option value="">{t('akimat.pages.target.highest', { level: fn.maxLevel })}</option>
          {fn.targetChoices.map((n) => (
            <option value={String(n)} selected={target === String(n)}>
              {n}
            </option>
          ))}
        </select>
      </p>
      <p class="hint">{t('akimat.pages.target.hint')}</p>
      <FieldError name="targetLevel" />
      <p>
        <label for="d-note">{t('akimat.pages.field.note')}</label>
        <textarea
          id="d-note"
          name="note"
          rows={3}
          maxlength={2000}
          aria-describedby={errorId('note')}
          aria-invalid={messages.has('note') ? 'true' : undefined}
        >
          {v('note', d.note ?? '')}
        </textarea>
      </p>
      <FieldError name="note" />
      <p>
        <button type="submit">{t('akimat.pages.decision.save')}</button>
      </p>
    </form>
  )
}
