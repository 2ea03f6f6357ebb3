/**
 * @module
 * Backstage software catalogue entities (apiVersion `backstage.io/v1alpha1`) written as one
 * multi-document `catalog-info.yaml`, and a checker for such files. Four kinds: Group (an
 * organisational unit), System (a collection of components and resources), Component (a piece
 * of software) and Resource (data or infrastructure a system needs). The rules checked are those
 * of Backstage's descriptor format and JSON schemas: the required `spec` fields per kind, entity
 * names ("[a-zA-Z0-9] with - _ . between, at most 63 characters"), namespaces, annotation keys,
 * and references (`kind:namespace/name`, `namespace/name` or `name`) that resolve to an entity of
 * the same file.
 */
import { parseAllDocuments, stringify } from 'yaml'
import { asciiSlug, shortHash } from './names.js'

export const BACKSTAGE_API_VERSION = 'backstage.io/v1alpha1'
export const BACKSTAGE_KINDS = ['Group', 'System', 'Component', 'Resource'] as const
export type BackstageKind = (typeof BACKSTAGE_KINDS)[number]

export interface BackstageMetadata {
  name: string
  namespace?: string
  /** Shown instead of the name: here the original Kazakh or Russian text. */
  title?: string
  description?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  tags?: string[]
  links?: { url: string; title?: string }[]
}

export interface BackstageGroup {
  kind: 'Group'
  metadata: BackstageMetadata
  spec: {
    type: string
    parent?: string
    /** Required by Backstage, possibly empty. */
    children: string[]
    profile?: { displayName?: string; email?: string }
  }
}

export interface BackstageSystem {
  kind: 'System'
  metadata: BackstageMetadata
  spec: { owner: string; domain?: string }
}

export interface BackstageComponent {
  kind: 'Component'
  metadata: BackstageMetadata
  spec: {
    type: string
    lifecycle: string
    owner: string
    system?: string
    subcomponentOf?: string
    dependsOn?: string[]
  }
}

export interface BackstageResource {
  kind: 'Resource'
  metadata: BackstageMetadata
  spec: {
    type: string
    owner: string
    system?: string
    dependsOn?: string[]
  }
}

export type BackstageEntity =
  | BackstageGroup
  | BackstageSystem
  | BackstageComponent
  | BackstageResource

const NAME = /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/
const NAMESPACE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const NAME_MAX = 63

/** True when `name` is a valid Backstage entity name (also the rule for annotation key names). */
export function isBackstageName(name: string): boolean {
  return name.length >= 1 && name.length <= NAME_MAX && NAME.test(name)
}

/**
 * A valid Backstage entity name for a key: Kazakh and Russian transliterated into Latin,
 * lower-case, runs of other characters turned into "-". A short hash of the key is added when
 * the slug lost the key (nothing left, or cut to fit 63 characters), and when `taken` already
 * holds the name (it then gets the name added, so passing one set for a whole file keeps the
 * names unique and the same for the same keys in the same order).
 * @example backstageName('ЭҮП') // 'eup'
 * @example backstageName('Қандас куәліктерінің тізілімі') // 'kandas-kuelikterinin-tizilimi'
 */
export function backstageName(key: string, taken?: Set<string>): string {
  const full = asciiSlug(key, Number.POSITIVE_INFINITY)
  let name = full.length > NAME_MAX ? withHash(full, key) : full || `x-${shortHash(key, 8)}`
  if (taken) {
    for (let length = 6; taken.has(name.toLowerCase()); length += 2) {
      name = withHash(full, key, length)
    }
    taken.add(name.toLowerCase())
  }
  return name
}

function withHash(slug: string, key: string, length = 6): string {
  const hash = shortHash(key, length)
  const room = NAME_MAX - hash.length - 1
  const head = slug.slice(0, room).replace(/-+$/, '')
  return head ? `${head}-${hash}` : `x-${hash}`
}

/** The text of a reference `kind:namespace/name` for an entity. */
export function entityRef(entity: Pick<BackstageEntity, 'kind' | 'metadata'>): string {
  const namespace = entity.metadata.namespace ?? 'default'
  return `${entity.kind.toLowerCase()}:${namespace}/${entity.metadata.name}`
}

/**
 * Writes the entities as one YAML stream, each a document starting with `---`, with
 * `apiVersion: backstage.io/v1alpha1` first and long text never folded. Strings that a YAML 1.1
 * or 1.2 reader would take for something else (dates, numbers, yes/no) are quoted.
 */
export function writeBackstage(entities: readonly BackstageEntity[]): string {
  return entities
    .map(
      (entity) =>
        `---\n${stringify(
          { apiVersion: BACKSTAGE_API_VERSION, ...entity },
          // Written for YAML 1.1 readers too: "2022-11-01", "yes" and "352" stay quoted strings.
          { version: '1.1', lineWidth: 0, minContentWidth: 0 },
        )}`,
    )
    .join('')
}

interface ParsedRef {
  kind: string | null
  namespace: string
  name: string
}

/** Parses `[kind:][namespace/]name`, or null when it is not of that form. */
function parseRef(ref: string): ParsedRef | null {
  const match = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(ref)
  if (!match) return null
  return { kind: match[1] ?? null, namespace: match[2] ?? 'default', name: match[3]! }
}

/** Which fields of a kind's spec are references, and the kind they default to. */
const REFERENCE_FIELDS: Record<BackstageKind, { field: string; many: boolean; kind?: string }[]> = {
  Group: [
    { field: 'parent', many: false, kind: 'group' },
    { field: 'children', many: true, kind: 'group' },
  ],
  System: [
    { field: 'owner', many: false, kind: 'group' },
    { field: 'domain', many: false, kind: 'domain' },
  ],
  Component: [
    { field: 'owner', many: false, kind: 'group' },
    { field: 'system', many: false, kind: 'system' },
    { field: 'subcomponentOf', many: false, kind: 'component' },
    // dependsOn takes any kind, so the reference must name it.
    { field: 'dependsOn', many: true },
  ],
  Resource: [
    { field: 'owner', many: false, kind: 'group' },
    { field: 'system', many: false, kind: 'system' },
    { field: 'dependsOn', many: true },
  ],
}

/** The required string fields of each kind's spec (Group also requires the array `children`). */
const REQUIRED_STRINGS: Record<BackstageKind, string[]> = {
  Group: ['type'],
  System: ['owner'],
  Component: ['type', 'lifecycle', 'owner'],
  Resource: ['type', 'owner'],
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Reads a multi-document catalog-info.yaml and lists what is wrong, one sentence each; an empty
 * list when nothing is. Checks: YAML syntax; apiVersion and a known kind (Group, System,
 * Component, Resource); metadata.name (and namespace) by Backstage's rules; title and
 * description as strings; annotation and label keys as `[prefix/]name` with string values; the
 * required spec fields per kind (Group: type, children; System: owner; Component: type,
 * lifecycle, owner; Resource: type, owner); no two entities of the same kind, namespace and
 * name; and every reference (owner, system, parent, children, subcomponentOf, dependsOn)
 * resolving to an entity of the file of the kind the field expects.
 */
export function checkBackstageEntities(yamlText: string): string[] {
  const problems: string[] = []
  const documents = parseAllDocuments(yamlText)
  if (!Array.isArray(documents)) return ['the text is not a YAML stream']
  const entities: { where: string; kind: BackstageKind; spec: Record<string, unknown> }[] = []
  const known = new Set<string>()
  documents.forEach((document, index) => {
    const at = `document ${index + 1}`
    for (const error of document.errors) {
      problems.push(`${at}: YAML error: ${error.message.split('\n')[0]}`)
    }
    if (document.errors.length) return
    const value: unknown = document.toJS()
    if (value === null || value === undefined) return
    if (!isRecord(value)) {
      problems.push(`${at}: not a mapping`)
      return
    }
    if (value.apiVersion !== BACKSTAGE_API_VERSION) {
      problems.push(`${at}: apiVersion is not ${BACKSTAGE_API_VERSION}`)
    }
    const kind = value.kind
    if (typeof kind !== 'string' || !(BACKSTAGE_KINDS as readonly string[]).includes(kind)) {
      problems.push(`${at}: kind "${String(kind)}" is not one of ${BACKSTAGE_KINDS.join(', ')}`)
      return
    }
    const metadata = value.metadata
    if (!isRecord(metadata)) {
      problems.push(`${at}: no metadata`)
      return
    }
    const name = metadata.name
    if (typeof name !== 'string' || !isBackstageName(name)) {
      problems.push(
        `${at}: metadata.name "${String(name)}" is not a valid name ([a-zA-Z0-9] with - _ . between, at most 63 characters)`,
      )
      return
    }
    const namespace = metadata.namespace ?? 'default'
    if (
      typeof namespace !== 'string' ||
      namespace.length > NAME_MAX ||
      !NAMESPACE.test(namespace)
    ) {
      problems.push(`${at}: metadata.namespace "${String(namespace)}" is not a valid namespace`)
    }
    const where = `${kind} ${name}`
    for (const field of ['title', 'description'] as const) {
      if (metadata[field] !== undefined && typeof metadata[field] !== 'string') {
        problems.push(`${where}: metadata.${field} is not a string`)
      }
    }
    for (const field of ['annotations', 'labels'] as const) {
      const map = metadata[field]
      if (map === undefined) continue
      if (!isRecord(map)) {
        problems.push(`${where}: metadata.${field} is not a mapping`)
        continue
      }
      for (const [key, item] of Object.entries(map)) {
        const slash = key.lastIndexOf('/')
        const prefix = slash === -1 ? null : key.slice(0, slash)
        const local = slash === -1 ? key : key.slice(slash + 1)
        if (
          !isBackstageName(local) ||
          (prefix !== null && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
        ) {
          problems.push(`${where}: metadata.${field} key "${key}" is not valid`)
        }
        if (typeof item !== 'string') {
          problems.push(`${where}: metadata.${field} "${key}" is not a string`)
        } else if (field === 'labels' && item !== '' && !isBackstageName(item)) {
          problems.push(`${where}: label value "${item}" is not valid`)
        }
      }
    }
    const key = `${kind.toLowerCase()}:${String(namespace).toLowerCase()}/${name.toLowerCase()}`
    if (known.has(key)) problems.push(`${where}: a second entity ${key}`)
    known.add(key)
    const spec = value.spec
    if (!isRecord(spec)) {
      problems.push(`${where}: no spec`)
      return
    }
    for (const field of REQUIRED_STRINGS[kind as BackstageKind]) {
      if (typeof spec[field] !== 'string' || spec[field] === '') {
        problems.push(`${where}: spec.${field} is missing`)
      }
    }
    if (kind === 'Group' && !Array.isArray(spec.children)) {
      problems.push(`${where}: spec.children is missing (it may be empty, but must be there)`)
    }
    entities.push({ where, kind: kind as BackstageKind, spec })
  })
  for (const { where, kind, spec } of entities) {
    for (const { field, many, kind: defaultKind } of REFERENCE_FIELDS[kind]) {
      const value = spec[field]
      if (value === undefined) continue
      const refs = many ? value : [value]
      if (!Array.isArray(refs) || refs.some((r) => typeof r !== 'string')) {
        problems.push(
          `${where}: spec.${field} is not ${many ? 'a list of references' : 'a reference'}`,
        )
        continue
      }
      for (const ref of refs as string[]) {
        const parsed = parseRef(ref)
        if (!parsed) {
          problems.push(`${where}: spec.${field} "${ref}" is not an entity reference`)
          continue
        }
        const targetKind = parsed.kind?.toLowerCase() ?? defaultKind
        if (!targetKind) {
          problems.push(`${where}: spec.${field} "${ref}" must name the kind (kind:name)`)
          continue
        }
        if (defaultKind && targetKind !== defaultKind && field !== 'owner') {
          problems.push(`${where}: spec.${field} "${ref}" is not a ${defaultKind}`)
          continue
        }
        const target = `${targetKind}:${parsed.namespace.toLowerCase()}/${parsed.name.toLowerCase()}`
        if (!known.has(target)) {
          problems.push(`${where}: spec.${field} "${ref}" resolves to nothing in this file`)
        }
      }
    }
  }
  return problems
}
