/**
 * @module
 * The Open Group ArchiMate Model Exchange File Format (ArchiMate 3.1, XSD version 3.1, namespace
 * `http://www.opengroup.org/xsd/archimate/3.0/`): a generic model, a writer and a structural
 * checker. The writer follows `archimate3_Model.xsd`: under `model` the children come as
 * name+, documentation*, properties?, (metadata?), elements?, relationships?, organizations*,
 * propertyDefinitions?; under an element name+, documentation*, properties?; a relationship has
 * the same children (its names optional) and the attributes `source` and `target`; a property
 * points to its definition with `propertyDefinitionRef`, and a property definition carries its
 * data type in the attribute `type`. Every name, documentation, label and property value carries
 * `xml:lang`. No views (diagrams) are written: the model is for import into a modelling tool,
 * which draws its own.
 *
 * The checker reads any such document (with @xmldom/xmldom) and lists what is wrong: what the
 * XSD would reject (root, child order, required attributes, identifiers, references, types) and
 * what the ArchiMate 3.1 relationship tables forbid for the element types this project writes.
 */
import { DOMParser } from '@xmldom/xmldom'
import { asciiSlug, shortHash } from './names.js'

export const ARCHIMATE_NAMESPACE = 'http://www.opengroup.org/xsd/archimate/3.0/'
export const ARCHIMATE_SCHEMA_LOCATION = `${ARCHIMATE_NAMESPACE} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Model.xsd`
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance'
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace'

/** The element types of ArchiMate 3.1 (`ElementTypeEnum` of the XSD). */
export const ELEMENT_TYPES = [
  'BusinessActor',
  'BusinessRole',
  'BusinessCollaboration',
  'BusinessInterface',
  'BusinessProcess',
  'BusinessFunction',
  'BusinessInteraction',
  'BusinessEvent',
  'BusinessService',
  'BusinessObject',
  'Contract',
  'Representation',
  'Product',
  'ApplicationComponent',
  'ApplicationCollaboration',
  'ApplicationInterface',
  'ApplicationFunction',
  'ApplicationInteraction',
  'ApplicationProcess',
  'ApplicationEvent',
  'ApplicationService',
  'DataObject',
  'Node',
  'Device',
  'SystemSoftware',
  'TechnologyCollaboration',
  'TechnologyInterface',
  'Path',
  'CommunicationNetwork',
  'TechnologyFunction',
  'TechnologyProcess',
  'TechnologyInteraction',
  'TechnologyEvent',
  'TechnologyService',
  'Artifact',
  'Equipment',
  'Facility',
  'DistributionNetwork',
  'Material',
  'Stakeholder',
  'Driver',
  'Assessment',
  'Goal',
  'Outcome',
  'Principle',
  'Requirement',
  'Constraint',
  'Meaning',
  'Value',
  'Resource',
  'Capability',
  'CourseOfAction',
  'ValueStream',
  'WorkPackage',
  'Deliverable',
  'ImplementationEvent',
  'Plateau',
  'Gap',
  'Grouping',
  'Location',
  'AndJunction',
  'OrJunction',
] as const
export type ArchimateElementType = (typeof ELEMENT_TYPES)[number]

/** Element types whose names the XSD does not require (composites and junctions). */
const NAME_OPTIONAL = new Set<string>(['Grouping', 'Location', 'AndJunction', 'OrJunction'])

/** The relationship types of ArchiMate 3.1 (`RelationshipTypeEnum` of the XSD). */
export const RELATIONSHIP_TYPES = [
  'Composition',
  'Aggregation',
  'Assignment',
  'Realization',
  'Serving',
  'Access',
  'Influence',
  'Triggering',
  'Flow',
  'Specialization',
  'Association',
] as const
export type ArchimateRelationshipType = (typeof RELATIONSHIP_TYPES)[number]

/** The data types of a property definition (`DataType` of the XSD). */
export const PROPERTY_TYPES = ['string', 'boolean', 'currency', 'date', 'time', 'number'] as const
export type ArchimatePropertyType = (typeof PROPERTY_TYPES)[number]

/** The kinds of access (`AccessTypeEnum`); without one a reader takes "Access" (unspecified). */
export const ACCESS_TYPES = ['Access', 'Read', 'Write', 'ReadWrite'] as const
export type ArchimateAccessType = (typeof ACCESS_TYPES)[number]

/** A text in one language; `lang` is a BCP 47 tag ("kk", "ru", "en"; "zxx" for codes and numbers). */
export interface LangString {
  text: string
  lang: string
}

/** A property value of a concept or of the model, pointing to its definition. */
export interface ArchimateProperty {
  /** The identifier of a property definition of the model. */
  definition: string
  values: LangString[]
}

export interface ArchimateElement {
  identifier: string
  type: ArchimateElementType
  names: LangString[]
  documentation?: LangString[]
  properties?: ArchimateProperty[]
}

export interface ArchimateRelationship {
  identifier: string
  type: ArchimateRelationshipType
  /** The identifier of the source element (or relationship). */
  source: string
  target: string
  /** Only on Access. */
  accessType?: ArchimateAccessType
  /** Only on Association. */
  isDirected?: boolean
  names?: LangString[]
  documentation?: LangString[]
  properties?: ArchimateProperty[]
}

/** A node of an organization (a folder tree): a labelled folder of items, or a reference. */
export interface ArchimateOrganization {
  identifier?: string
  label?: LangString[]
  documentation?: LangString[]
  /** The identifier of the element or relationship this item stands for. */
  identifierRef?: string
  items?: ArchimateOrganization[]
}

export interface ArchimatePropertyDefinition {
  identifier: string
  names: LangString[]
  type: ArchimatePropertyType
}

export interface ArchimateModel {
  identifier: string
  names: LangString[]
  documentation?: LangString[]
  properties?: ArchimateProperty[]
  elements: ArchimateElement[]
  relationships: ArchimateRelationship[]
  /** Written inside one `organizations` element. */
  organizations?: ArchimateOrganization[]
  propertyDefinitions: ArchimatePropertyDefinition[]
}

/** A model the writer cannot write as a valid document; the message says what and where. */
export class ArchimateModelError extends Error {
  override name = 'ArchimateModelError'
}

// ── Names and identifiers ──────────────────────────────────────────────────────────────────

const NAME_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}'
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`
const NCNAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u')

/** True when `value` is an XML NCName (a name without a colon), as xs:ID requires. */
export function isNCName(value: string): boolean {
  return NCNAME.test(value)
}

/** A BCP 47 language tag as xml:lang takes it (xs:language). */
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/

/**
 * An identifier for the exchange file: an ASCII NCName made of the prefix, a readable slug of
 * the key (Kazakh and Russian transliterated) and a hash of the whole key, so the same key
 * always gives the same identifier and two keys with the same slug still differ. The prefix must
 * start with a letter or "_" and hold only ASCII letters, digits, "_", "-" and ".".
 * @example makeIdentifier('row', '158:1.6') // 'row-158-1-6-' + 10 hex digits
 * @example makeIdentifier('sys', 'дқбж') // 'sys-dkbzh-' + 10 hex digits
 */
export function makeIdentifier(prefix: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(prefix)) {
    throw new ArchimateModelError(`The identifier prefix "${prefix}" is not an ASCII NCName`)
  }
  const slug = asciiSlug(key, 32)
  return `${prefix}-${slug ? `${slug}-` : ''}${shortHash(key, 10)}`
}

// ── Relationship rules ─────────────────────────────────────────────────────────────────────

const RELATIONSHIP_LETTER: Record<ArchimateRelationshipType, string> = {
  Access: 'a',
  Composition: 'c',
  Flow: 'f',
  Aggregation: 'g',
  Assignment: 'i',
  Influence: 'n',
  Association: 'o',
  Realization: 'r',
  Specialization: 's',
  Triggering: 't',
  Serving: 'v',
}

/**
 * The relationships ArchiMate 3.1 allows between the element types this project writes, from
 * the relationship tables of the specification (Appendix B), as letters: a access, c composition,
 * f flow, g aggregation, i assignment, n influence, o association, r realization,
 * s specialization, t triggering, v serving. Business function → data object allows access:
 * the derivation rules of Appendix B let a business behaviour access the data object that
 * realizes the business object it uses ("if b is a passive structure element then only access
 * can be derived from a to b"), and the table lists "a" for that cell.
 */
const ALLOWED: Record<string, Record<string, string>> = {
  BusinessActor: {
    BusinessActor: 'cfgostv',
    BusinessRole: 'fiotv',
    BusinessFunction: 'fiotv',
    BusinessObject: 'ao',
    ApplicationComponent: 'fotv',
    DataObject: 'ao',
    Grouping: 'acfginorstv',
  },
  BusinessRole: {
    BusinessActor: 'fotv',
    BusinessRole: 'cfgostv',
    BusinessFunction: 'fiotv',
    BusinessObject: 'ao',
    ApplicationComponent: 'fotv',
    DataObject: 'ao',
    Grouping: 'acfginorstv',
  },
  BusinessFunction: {
    BusinessActor: 'fotv',
    BusinessRole: 'fotv',
    BusinessFunction: 'cfgostv',
    BusinessObject: 'ao',
    ApplicationComponent: 'fotv',
    DataObject: 'ao',
    Grouping: 'acfgnorstv',
  },
  BusinessObject: {
    BusinessActor: 'o',
    BusinessRole: 'o',
    BusinessFunction: 'o',
    BusinessObject: 'cgos',
    ApplicationComponent: 'o',
    DataObject: 'o',
    Grouping: 'cgnors',
  },
  ApplicationComponent: {
    BusinessActor: 'fotv',
    BusinessRole: 'fotv',
    BusinessFunction: 'fortv',
    BusinessObject: 'ao',
    ApplicationComponent: 'cfgorstv',
    DataObject: 'ao',
    Grouping: 'acfginorstv',
  },
  DataObject: {
    BusinessActor: 'o',
    BusinessRole: 'o',
    BusinessFunction: 'o',
    BusinessObject: 'or',
    ApplicationComponent: 'o',
    DataObject: 'cgos',
    Grouping: 'cgnors',
  },
  Grouping: {
    BusinessActor: 'cfgiorstv',
    BusinessRole: 'cfgiorstv',
    BusinessFunction: 'cfgiorstv',
    BusinessObject: 'acgors',
    ApplicationComponent: 'cfgorstv',
    DataObject: 'acgors',
    Grouping: 'acfginorstv',
  },
}

/**
 * Whether ArchiMate 3.1 allows `type` from an element of `source` type to one of `target`
 * type; undefined when the pair is outside the types this module knows the rules of
 * (BusinessActor, BusinessRole, BusinessFunction, BusinessObject, ApplicationComponent,
 * DataObject, Grouping).
 */
export function relationshipAllowed(
  source: string,
  type: ArchimateRelationshipType,
  target: string,
): boolean | undefined {
  const letters = ALLOWED[source]?.[target]
  return letters === undefined ? undefined : letters.includes(RELATIONSHIP_LETTER[type])
}

// ── Writer ─────────────────────────────────────────────────────────────────────────────────

/** Characters XML 1.0 cannot carry at all (not even as references): removed from text. */
const FORBIDDEN_CHARACTERS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text without the characters XML 1.0 forbids. */
export function xmlSafeText(text: string): string {
  return text.replace(FORBIDDEN_CHARACTERS, '')
}

function escapeText(text: string): string {
  return xmlSafeText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;')
}

/**
 * Writes the model as an exchange file (UTF-8, with the XML declaration). Refuses, with an
 * {@link ArchimateModelError}, what would not be valid: identifiers that are not NCNames or not
 * unique, references to nothing, unknown types, names missing where the XSD requires them,
 * language tags that are not tags, and relationships the ArchiMate rules forbid between the
 * element types it knows. Characters XML 1.0 forbids are removed from the text.
 */
export function writeArchimate(model: ArchimateModel): string {
  validateModel(model)
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>']
  out.push(
    `<model xmlns="${ARCHIMATE_NAMESPACE}" xmlns:xsi="${XSI_NAMESPACE}" xsi:schemaLocation="${ARCHIMATE_SCHEMA_LOCATION}" identifier="${escapeAttribute(model.identifier)}">`,
  )
  const indent = (depth: number) => '  '.repeat(depth)
  const langStrings = (tag: string, items: LangString[] | undefined, depth: number) => {
    for (const item of items ?? []) {
      out.push(
        `${indent(depth)}<${tag} xml:lang="${escapeAttribute(item.lang)}">${escapeText(item.text)}</${tag}>`,
      )
    }
  }
  const properties = (items: ArchimateProperty[] | undefined, depth: number) => {
    if (!items?.length) return
    out.push(`${indent(depth)}<properties>`)
    for (const property of items) {
      out.push(
        `${indent(depth + 1)}<property propertyDefinitionRef="${escapeAttribute(property.definition)}">`,
      )
      langStrings('value', property.values, depth + 2)
      out.push(`${indent(depth + 1)}</property>`)
    }
    out.push(`${indent(depth)}</properties>`)
  }
  /** An element with attributes and children written by `body`, self-closed when it has none. */
  const node = (
    depth: number,
    open: string,
    hasChildren: boolean,
    tag: string,
    body: () => void,
  ) => {
    if (!hasChildren) {
      out.push(`${indent(depth)}<${open}/>`)
      return
    }
    out.push(`${indent(depth)}<${open}>`)
    body()
    out.push(`${indent(depth)}</${tag}>`)
  }

  langStrings('name', model.names, 1)
  langStrings('documentation', model.documentation, 1)
  properties(model.properties, 1)
  if (model.elements.length) {
    out.push('  <elements>')
    for (const e of model.elements) {
      const open = `element identifier="${escapeAttribute(e.identifier)}" xsi:type="${e.type}"`
      const has = e.names.length + (e.documentation?.length ?? 0) + (e.properties?.length ?? 0)
      node(2, open, has > 0, 'element', () => {
        langStrings('name', e.names, 3)
        langStrings('documentation', e.documentation, 3)
        properties(e.properties, 3)
      })
    }
    out.push('  </elements>')
  }
  if (model.relationships.length) {
    out.push('  <relationships>')
    for (const r of model.relationships) {
      let open = `relationship identifier="${escapeAttribute(r.identifier)}" xsi:type="${r.type}" source="${escapeAttribute(r.source)}" target="${escapeAttribute(r.target)}"`
      if (r.accessType) open += ` accessType="${r.accessType}"`
      if (r.isDirected !== undefined) open += ` isDirected="${r.isDirected}"`
      const has =
        (r.names?.length ?? 0) + (r.documentation?.length ?? 0) + (r.properties?.length ?? 0)
      node(2, open, has > 0, 'relationship', () => {
        langStrings('name', r.names, 3)
        langStrings('documentation', r.documentation, 3)
        properties(r.properties, 3)
      })
    }
    out.push('  </relationships>')
  }
  if (model.organizations?.length) {
    const item = (o: ArchimateOrganization, depth: number) => {
      let open = 'item'
      if (o.identifier) open += ` identifier="${escapeAttribute(o.identifier)}"`
      if (o.identifierRef) open += ` identifierRef="${escapeAttribute(o.identifierRef)}"`
      const has = (o.label?.length ?? 0) + (o.documentation?.length ?? 0) + (o.items?.length ?? 0)
      node(depth, open, has > 0, 'item', () => {
        langStrings('label', o.label, depth + 1)
        langStrings('documentation', o.documentation, depth + 1)
        for (const child of o.items ?? []) item(child, depth + 1)
      })
    }
    out.push('  <organizations>')
    for (const o of model.organizations) item(o, 2)
    out.push('  </organizations>')
  }
  if (model.propertyDefinitions.length) {
    out.push('  <propertyDefinitions>')
    for (const d of model.propertyDefinitions) {
      out.push(
        `    <propertyDefinition identifier="${escapeAttribute(d.identifier)}" type="${d.type}">`,
      )
      langStrings('name', d.names, 3)
      out.push('    </propertyDefinition>')
    }
    out.push('  </propertyDefinitions>')
  }
  out.push('</model>')
  return `${out.join('\n')}\n`
}

/** Throws an {@link ArchimateModelError} for the first thing that cannot be written validly. */
function validateModel(model: ArchimateModel): void {
  const fail = (message: string): never => {
    throw new ArchimateModelError(message)
  }
  const ids = new Map<string, string>()
  const declare = (identifier: string, what: string) => {
    if (!isNCName(identifier)) fail(`${what}: identifier "${identifier}" is not an NCName`)
    const earlier = ids.get(identifier)
    if (earlier) fail(`${what}: identifier "${identifier}" is already used by ${earlier}`)
    ids.set(identifier, what)
  }
  const checkStrings = (items: LangString[] | undefined, what: string, required: boolean) => {
    if (required && !items?.length) fail(`${what} has no name`)
    for (const item of items ?? []) {
      if (!LANGUAGE_TAG.test(item.lang)) fail(`${what}: "${item.lang}" is not a language tag`)
    }
  }
  declare(model.identifier, 'the model')
  checkStrings(model.names, 'the model', true)
  checkStrings(model.documentation, 'the model', false)
  const definitions = new Set<string>()
  for (const d of model.propertyDefinitions) {
    declare(d.identifier, `property definition ${d.identifier}`)
    checkStrings(d.names, `property definition ${d.identifier}`, true)
    if (!(PROPERTY_TYPES as readonly string[]).includes(d.type)) {
      fail(`property definition ${d.identifier}: unknown type "${d.type}"`)
    }
    definitions.add(d.identifier)
  }
  const checkProperties = (items: ArchimateProperty[] | undefined, what: string) => {
    for (const p of items ?? []) {
      if (!definitions.has(p.definition)) {
        fail(`${what}: property definition "${p.definition}" does not exist`)
      }
      if (!p.values.length) fail(`${what}: property ${p.definition} has no value`)
      checkStrings(p.values, `${what}, property ${p.definition}`, false)
    }
  }
  checkProperties(model.properties, 'the model')
  const types = new Map<string, string>()
  for (const e of model.elements) {
    const what = `element ${e.identifier}`
    declare(e.identifier, what)
    if (!(ELEMENT_TYPES as readonly string[]).includes(e.type)) {
      fail(`${what}: unknown type "${e.type}"`)
    }
    checkStrings(e.names, what, !NAME_OPTIONAL.has(e.type))
    if (e.names.some((n) => n.text === '')) fail(`${what}: a name is empty`)
    checkStrings(e.documentation, what, false)
    checkProperties(e.properties, what)
    types.set(e.identifier, e.type)
  }
  for (const r of model.relationships) declare(r.identifier, `relationship ${r.identifier}`)
  for (const r of model.relationships) {
    const what = `relationship ${r.identifier}`
    if (!(RELATIONSHIP_TYPES as readonly string[]).includes(r.type)) {
      fail(`${what}: unknown type "${r.type}"`)
    }
    for (const end of [r.source, r.target]) {
      const kind = ids.get(end)
      if (!kind?.startsWith('element ') && !kind?.startsWith('relationship ')) {
        fail(`${what}: "${end}" is no element or relationship of the model`)
      }
    }
    if (r.accessType !== undefined && r.type !== 'Access') fail(`${what}: accessType on ${r.type}`)
    if (r.accessType !== undefined && !(ACCESS_TYPES as readonly string[]).includes(r.accessType)) {
      fail(`${what}: unknown accessType "${r.accessType}"`)
    }
    if (r.isDirected !== undefined && r.type !== 'Association') {
      fail(`${what}: isDirected on ${r.type}`)
    }
    const sourceType = types.get(r.source)
    const targetType = types.get(r.target)
    if (sourceType && targetType && relationshipAllowed(sourceType, r.type, targetType) === false) {
      fail(`${what}: ArchiMate does not allow ${r.type} from ${sourceType} to ${targetType}`)
    }
    checkStrings(r.names, what, false)
    checkStrings(r.documentation, what, false)
    checkProperties(r.properties, what)
  }
  const checkItem = (o: ArchimateOrganization, path: string) => {
    if (o.identifier) declare(o.identifier, `organization item ${o.identifier}`)
    checkStrings(o.label, path, false)
    checkStrings(o.documentation, path, false)
    if (!o.identifierRef && !o.items?.length && !o.label?.length) {
      fail(`${path}: an organization item needs a label, items or an identifierRef`)
    }
    for (const child of o.items ?? []) checkItem(child, path)
  }
  model.organizations?.forEach((o, i) => {
    checkItem(o, `organization ${i + 1}`)
  })
  const checkRefs = (o: ArchimateOrganization) => {
    if (o.identifierRef && !ids.has(o.identifierRef)) {
      fail(`organization item: identifierRef "${o.identifierRef}" points to nothing`)
    }
    for (const child of o.items ?? []) checkRefs(child)
  }
  for (const o of model.organizations ?? []) checkRefs(o)
}

// ── Checker ────────────────────────────────────────────────────────────────────────────────

/** One child in a content model: its local name and how often it may occur. */
interface Slot {
  name: string
  min: number
  max: number
}
const many = Number.POSITIVE_INFINITY
const MODEL_CHILDREN: Slot[] = [
  { name: 'name', min: 1, max: many },
  { name: 'documentation', min: 0, max: many },
  { name: 'properties', min: 0, max: 1 },
  { name: 'metadata', min: 0, max: 1 },
  { name: 'elements', min: 0, max: 1 },
  { name: 'relationships', min: 0, max: 1 },
  { name: 'organizations', min: 0, max: many },
  { name: 'propertyDefinitions', min: 0, max: 1 },
  { name: 'views', min: 0, max: 1 },
]
const conceptChildren = (nameMin: number): Slot[] => [
  { name: 'name', min: nameMin, max: many },
  { name: 'documentation', min: 0, max: many },
  { name: 'properties', min: 0, max: 1 },
]
const PROPERTY_DEFINITION_CHILDREN: Slot[] = [
  { name: 'name', min: 1, max: many },
  { name: 'documentation', min: 0, max: many },
]
const ITEM_CHILDREN: Slot[] = [
  { name: 'label', min: 0, max: many },
  { name: 'documentation', min: 0, max: many },
  { name: 'item', min: 0, max: many },
]
const PROPERTY_CHILDREN: Slot[] = [{ name: 'value', min: 1, max: many }]
const list = (name: string): Slot[] => [{ name, min: 1, max: many }]

/** Element children in the ArchiMate namespace (others belong to extensions and are skipped). */
function children(parent: Element): Element[] {
  const found: Element[] = []
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === ARCHIMATE_NAMESPACE) {
      found.push(node as Element)
    }
  }
  return found
}

/** Problems with the order and counts of `kids` against the content model `slots`. */
function checkSequence(kids: Element[], slots: Slot[], where: string, problems: string[]): void {
  const order = slots.map((s) => s.name).join(', ')
  const counts = new Array<number>(slots.length).fill(0)
  let at = 0
  for (const kid of kids) {
    const name = kid.localName ?? kid.nodeName
    let index = -1
    for (let i = at; i < slots.length; i++) {
      if (slots[i]!.name === name) {
        index = i
        break
      }
    }
    if (index === -1) {
      const earlier = slots.findIndex((s) => s.name === name)
      problems.push(
        earlier === -1
          ? `${where}: unexpected <${name}>`
          : `${where}: <${name}> is out of order (the order is ${order})`,
      )
      continue
    }
    for (let i = at; i < index; i++) {
      if (counts[i]! < slots[i]!.min) problems.push(`${where}: <${slots[i]!.name}> is missing`)
    }
    at = index
    counts[index]! += 1
    if (counts[index] === slots[index]!.max + 1) {
      problems.push(`${where}: more than ${slots[index]!.max} <${name}>`)
    }
  }
  for (let i = at; i < slots.length; i++) {
    if (counts[i]! < slots[i]!.min) problems.push(`${where}: <${slots[i]!.name}> is missing`)
  }
}

function attribute(element: Element, name: string): string | null {
  return element.hasAttribute(name) ? element.getAttribute(name) : null
}

function xmlLang(element: Element): string | null {
  const value = element.getAttributeNS(XML_NAMESPACE, 'lang') || element.getAttribute('xml:lang')
  return value || null
}

/** The local name of an xsi:type value, or a problem when its prefix is not ArchiMate's. */
function xsiType(element: Element): { type: string | null; problem?: string } {
  const value = element.getAttributeNS(XSI_NAMESPACE, 'type')
  if (!value) return { type: null }
  const colon = value.indexOf(':')
  const prefix = colon === -1 ? null : value.slice(0, colon)
  const local = colon === -1 ? value : value.slice(colon + 1)
  // The default namespace: xmldom keys it as "", the DOM standard as null.
  const namespace = element.lookupNamespaceURI(prefix ?? '') ?? element.lookupNamespaceURI(prefix)
  if (namespace !== ARCHIMATE_NAMESPACE) {
    return { type: local, problem: `xsi:type "${value}" is not in the ArchiMate namespace` }
  }
  return { type: local }
}

/**
 * Reads an exchange file and lists what is wrong with it, one sentence each; an empty list when
 * nothing is. Checks: well-formedness; the root `model` in the ArchiMate namespace; the order
 * and counts of children of the model, elements, relationships, property definitions,
 * properties and organization items; required attributes (identifier, xsi:type, source, target,
 * propertyDefinitionRef, type); identifiers that are NCNames and unique in the document;
 * source, target, identifierRef and propertyDefinitionRef pointing to something that exists (and
 * of the right kind); known xsi:type, data type and accessType values; xml:lang on every name,
 * documentation, label and value; and relationships ArchiMate 3.1 allows between their element
 * types, for the types whose rules this module holds ({@link relationshipAllowed}).
 */
export function checkArchimateStructure(xml: string): string[] {
  const problems: string[] = []
  const parseErrors: string[] = []
  const report = (level: string) => (message: string) => {
    parseErrors.push(`not well-formed XML (${level}): ${message.replace(/\s+/g, ' ').trim()}`)
  }
  const forbidden = xml.match(FORBIDDEN_CHARACTERS)
  if (forbidden) {
    const codes = [...new Set(forbidden)].map(
      (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    )
    problems.push(`the text holds characters XML 1.0 forbids: ${codes.join(', ')}`)
  }
  let document: Document
  try {
    // xmldom 0.8 is lenient: an unclosed or mismatched tag is only a warning, so warnings count.
    document = new DOMParser({
      errorHandler: {
        warning: report('warning'),
        error: report('error'),
        fatalError: report('fatal'),
      },
    }).parseFromString(xml, 'application/xml')
  } catch (error) {
    return [`not well-formed XML: ${(error as Error).message}`]
  }
  if (parseErrors.length) return [...problems, ...parseErrors]
  const root = document.documentElement
  if (!root) return ['the document has no root element']
  if (root.localName !== 'model' || root.namespaceURI !== ARCHIMATE_NAMESPACE) {
    return [
      `the root element is <${root.nodeName}> in namespace ${root.namespaceURI ?? '(none)'}, not <model> in ${ARCHIMATE_NAMESPACE}`,
    ]
  }

  // Identifiers: every `identifier` attribute in the ArchiMate namespace's elements.
  const identified = new Map<string, { kind: string; type: string | null }>()
  const all = document.getElementsByTagNameNS(ARCHIMATE_NAMESPACE, '*')
  for (let i = 0; i < all.length; i++) {
    const element = all.item(i)!
    const id = attribute(element, 'identifier')
    if (id === null) continue
    if (!isNCName(id)) problems.push(`<${element.localName}>: identifier "${id}" is not an NCName`)
    if (identified.has(id)) {
      problems.push(`<${element.localName}>: identifier "${id}" is used more than once`)
      continue
    }
    identified.set(id, { kind: element.localName ?? '', type: xsiType(element).type })
  }

  const langStrings = (parent: Element, where: string) => {
    for (const kid of children(parent)) {
      if (['name', 'documentation', 'label', 'value'].includes(kid.localName ?? '')) {
        if (!xmlLang(kid)) problems.push(`${where}: <${kid.localName}> has no xml:lang`)
      }
    }
  }
  const properties = (parent: Element, where: string) => {
    for (const container of children(parent).filter((k) => k.localName === 'properties')) {
      checkSequence(children(container), list('property'), `${where} properties`, problems)
      for (const property of children(container)) {
        if (property.localName !== 'property') continue
        const ref = attribute(property, 'propertyDefinitionRef')
        const place = `${where} property ${ref ?? '(no propertyDefinitionRef)'}`
        if (ref === null) problems.push(`${where}: a property has no propertyDefinitionRef`)
        else if (identified.get(ref)?.kind !== 'propertyDefinition') {
          problems.push(`${place}: propertyDefinitionRef points to no property definition`)
        }
        checkSequence(children(property), PROPERTY_CHILDREN, place, problems)
        langStrings(property, place)
      }
    }
  }
  const requireIdentifier = (element: Element, where: string) => {
    if (attribute(element, 'identifier') === null) problems.push(`${where}: no identifier`)
  }

  requireIdentifier(root, 'model')
  const modelChildren = children(root)
  checkSequence(modelChildren, MODEL_CHILDREN, 'model', problems)
  langStrings(root, 'model')
  properties(root, 'model')

  for (const container of modelChildren.filter((k) => k.localName === 'elements')) {
    checkSequence(children(container), list('element'), 'elements', problems)
    for (const element of children(container)) {
      if (element.localName !== 'element') continue
      const id = attribute(element, 'identifier')
      const where = `element ${id ?? '(no identifier)'}`
      requireIdentifier(element, where)
      const { type, problem } = xsiType(element)
      if (problem) problems.push(`${where}: ${problem}`)
      if (type === null) problems.push(`${where}: no xsi:type`)
      else if (!(ELEMENT_TYPES as readonly string[]).includes(type)) {
        problems.push(`${where}: unknown element type "${type}"`)
      }
      const nameMin = type !== null && NAME_OPTIONAL.has(type) ? 0 : 1
      checkSequence(children(element), conceptChildren(nameMin), where, problems)
      langStrings(element, where)
      properties(element, where)
    }
  }

  for (const container of modelChildren.filter((k) => k.localName === 'relationships')) {
    checkSequence(children(container), list('relationship'), 'relationships', problems)
    for (const relationship of children(container)) {
      if (relationship.localName !== 'relationship') continue
      const id = attribute(relationship, 'identifier')
      const where = `relationship ${id ?? '(no identifier)'}`
      requireIdentifier(relationship, where)
      const { type, problem } = xsiType(relationship)
      if (problem) problems.push(`${where}: ${problem}`)
      if (type === null) problems.push(`${where}: no xsi:type`)
      else if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type)) {
        problems.push(`${where}: unknown relationship type "${type}"`)
      }
      const ends: { type: string | null; kind: string }[] = []
      for (const end of ['source', 'target'] as const) {
        const ref = attribute(relationship, end)
        if (ref === null) {
          problems.push(`${where}: no ${end}`)
          continue
        }
        const target = identified.get(ref)
        if (!target) problems.push(`${where}: ${end} "${ref}" points to nothing`)
        else if (target.kind !== 'element' && target.kind !== 'relationship') {
          problems.push(`${where}: ${end} "${ref}" is a ${target.kind}, not an element`)
        } else ends.push(target)
      }
      const accessType = attribute(relationship, 'accessType')
      if (accessType !== null) {
        if (type !== 'Access') problems.push(`${where}: accessType on a ${type} relationship`)
        if (!(ACCESS_TYPES as readonly string[]).includes(accessType)) {
          problems.push(`${where}: unknown accessType "${accessType}"`)
        }
      }
      const isDirected = attribute(relationship, 'isDirected')
      if (isDirected !== null && !['true', 'false', '1', '0'].includes(isDirected)) {
        problems.push(`${where}: isDirected "${isDirected}" is not a boolean`)
      }
      const [source, target] = ends
      if (
        type &&
        (RELATIONSHIP_TYPES as readonly string[]).includes(type) &&
        source?.kind === 'element' &&
        target?.kind === 'element' &&
        source.type &&
        target.type &&
        relationshipAllowed(source.type, type as ArchimateRelationshipType, target.type) === false
      ) {
        problems.push(
          `${where}: ArchiMate 3.1 does not allow ${type} from ${source.type} to ${target.type}`,
        )
      }
      checkSequence(children(relationship), conceptChildren(0), where, problems)
      langStrings(relationship, where)
      properties(relationship, where)
    }
  }

  const item = (element: Element, where: string) => {
    checkSequence(children(element), ITEM_CHILDREN, where, problems)
    langStrings(element, where)
    const ref = attribute(element, 'identifierRef')
    if (ref !== null && !identified.has(ref)) {
      problems.push(`${where}: identifierRef "${ref}" points to nothing`)
    }
    for (const kid of children(element)) {
      if (kid.localName === 'item') item(kid, where)
    }
  }
  for (const container of modelChildren.filter((k) => k.localName === 'organizations')) {
    checkSequence(children(container), list('item'), 'organizations', problems)
    for (const kid of children(container)) {
      if (kid.localName === 'item') item(kid, 'organization item')
    }
  }

  for (const container of modelChildren.filter((k) => k.localName === 'propertyDefinitions')) {
    checkSequence(children(container), list('propertyDefinition'), 'propertyDefinitions', problems)
    for (const definition of children(container)) {
      if (definition.localName !== 'propertyDefinition') continue
      const id = attribute(definition, 'identifier')
      const where = `property definition ${id ?? '(no identifier)'}`
      requireIdentifier(definition, where)
      const type = attribute(definition, 'type')
      if (type === null) problems.push(`${where}: no type`)
      else if (!(PROPERTY_TYPES as readonly string[]).includes(type)) {
        problems.push(`${where}: unknown data type "${type}"`)
      }
      checkSequence(children(definition), PROPERTY_DEFINITION_CHILDREN, where, problems)
      langStrings(definition, where)
    }
  }
  return problems
}
