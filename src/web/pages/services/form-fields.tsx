/**
 * @module
 * The parts of an application form that come from the service definition: its fields (text,
 * textarea, date, number, select) named `field.<id>`, its attachments as file inputs named
 * `file.<id>` with the accepted types, the result's language, and the hidden `opened` time.
 * Reading them back from a parsed multipart body is here too, so the applicant's and the desk's
 * forms read the same names.
 */
import type { Language, Translator } from '../../../i18n/index.js'
import {
  type ApplicationLanguage,
  type FormAttachment,
  LANGUAGES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_BYTES,
  type ServiceDefinition,
  type UploadedAttachment,
} from '../../../services/index.js'
import { field } from '../portal/frame.js'

const ACCEPT: Record<FormAttachment['types'][number], string> = {
  pdf: '.pdf,application/pdf',
  jpeg: '.jpg,.jpeg,image/jpeg',
  png: '.png,image/png',
  docx: '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

/** The values of the definition's fields in a parsed body (`field.<id>`). */
export function formValuesFrom(
  definition: ServiceDefinition,
  body: Record<string, unknown>,
): Record<string, string> {
  const values: Record<string, string> = {}
  for (const f of definition.form.fields) values[f.id] = field(body, `field.${f.id}`)
  return values
}

/** The uploaded files of the definition's attachments in a parsed body (`file.<id>`). */
export async function attachmentsFrom(
  definition: ServiceDefinition,
  body: Record<string, unknown>,
): Promise<UploadedAttachment[]> {
  const files: UploadedAttachment[] = []
  for (const slot of definition.form.attachments) {
    const value = body[`file.${slot.id}`]
    if (!(value instanceof File) || value.size === 0) continue
    files.push({
      slot: slot.id,
      originalName: value.name,
      bytes: new Uint8Array(await value.arrayBuffer()),
    })
  }
  return files
}

/** The language of the result chosen in the form, else the page's. */
export function resultLanguageFrom(
  body: Record<string, unknown>,
  fallback: Language,
): ApplicationLanguage {
  const value = field(body, 'language')
  return (LANGUAGES as readonly string[]).includes(value)
    ? (value as ApplicationLanguage)
    : fallback
}

/** The definition's fields, with the values given (after an error) kept. */
export function DefinitionFields({
  t,
  language,
  definition,
  values,
}: {
  t: Translator
  language: Language
  definition: ServiceDefinition
  values: Record<string, string>
}) {
  if (definition.form.fields.length === 0) return null
  return (
    <fieldset>
      <legend>{t('services.apply.fields')}</legend>
      {definition.form.fields.map((f) => {
        const id = `field-${f.id}`
        const name = `field.${f.id}`
        const value = values[f.id] ?? ''
        const max = f.maxLength ?? (f.type === 'textarea' ? 4000 : 500)
        const label = (
          <label for={id}>
            {f.label[language]}
            {f.required ? '' : ` (${t('services.apply.optional')})`}
          </label>
        )
        if (f.type === 'select') {
          return (
            <p>
              {label}
              <select id={id} name={name} required={f.required}>
                <option value="">{t('services.apply.choose')}</option>
                {(f.options ?? []).map((o) => (
                  <option value={o.value} selected={o.value === value}>
                    {o.label[language]}
                  </option>
                ))}
              </select>
            </p>
          )
        }
        if (f.type === 'textarea') {
          return (
            <p>
              {label}
              <textarea id={id} name={name} rows={4} maxlength={max} required={f.required}>
                {value}
              </textarea>
            </p>
          )
        }
        return (
          <p>
            {label}
            <input
              id={id}
              name={name}
              type={f.type === 'date' ? 'date' : 'text'}
              inputmode={f.type === 'number' ? 'numeric' : undefined}
              pattern={f.type === 'number' ? '[0-9]{1,9}' : undefined}
              maxlength={f.type === 'date' ? undefined : max}
              value={value}
              required={f.required}
            />
          </p>
        )
      })}
    </fieldset>
  )
}

/** File inputs for the definition's attachments; files are never kept after an error. */
export function AttachmentInputs({
  t,
  language,
  definition,
  again,
}: {
  t: Translator
  language: Language
  definition: ServiceDefinition
  /** The form is shown again after an error: say that files must be chosen again. */
  again?: boolean
}) {
  if (definition.form.attachments.length === 0) return null
  return (
    <fieldset>
      <legend>{t('services.apply.attachments')}</legend>
      <p class="hint" id="files-hint">
        {t('services.apply.filesHint', {
          max: MAX_ATTACHMENT_BYTES / 1024 / 1024,
          total: MAX_ATTACHMENTS_BYTES / 1024 / 1024,
        })}
        {again ? ` ${t('services.apply.filesAgain')}` : ''}
      </p>
      {definition.form.attachments.map((a) => (
        <p>
          <label for={`file-${a.id}`}>
            {a.label[language]}
            {a.required ? '' : ` (${t('services.apply.optional')})`}
          </label>
          <input
            type="file"
            id={`file-${a.id}`}
            name={`file.${a.id}`}
            accept={a.types.map((type) => ACCEPT[type]).join(',')}
            required={a.required}
            aria-describedby={`file-${a.id}-types files-hint`}
          />
          <span class="hint" id={`file-${a.id}-types`}>
            {t('services.apply.types', { types: a.types.map((x) => x.toUpperCase()).join(', ') })}
          </span>
        </p>
      ))}
    </fieldset>
  )
}

/** The result's language (kk / ru / en), the page's by default. */
export function LanguageSelect({ t, value }: { t: Translator; value: ApplicationLanguage }) {
  return (
    <p>
      <label for="result-language">{t('services.apply.language')}</label>
      <select id="result-language" name="language">
        {LANGUAGES.map((l) => (
          <option value={l} selected={l === value}>
            {t(`services.language.${l}`)}
          </option>
        ))}
      </select>
    </p>
  )
}

/** When the form was first shown: kept across re-renders so the form step's time is true. */
export function OpenedField({ value }: { value?: string }) {
  return <input type="hidden" name="opened" value={value || new Date().toISOString()} />
}

/** A date-time field (the hidden `opened`) as an instant, or undefined when it is not one. */
export function instantFieldOf(body: Record<string, unknown>, name: string): Date | undefined {
  const value = field(body, name)
  if (!value || value.length > 40) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/** The BIN of a legal entity that applies (or for which an application is registered). */
export function BinField({ t, value }: { t: Translator; value: string }) {
  return (
    <p>
      <label for="bin">{t('services.apply.bin')}</label>
      <input
        id="bin"
        name="bin"
        inputmode="numeric"
        maxlength={14}
        value={value}
        aria-describedby="bin-hint"
      />
      <span class="hint" id="bin-hint">
        {t('services.apply.binHint')}
      </span>
    </p>
  )
}
