/// <reference lib="dom" />
/**
 * @module
 * axe-core in a Playwright page: injects the bundled axe.min.js (the context needs
 * `bypassCSP: true`, since the app forbids inline scripts) and returns its violations, trimmed
 * to what a failure message needs.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
let source: string | undefined

/** The WCAG 2.0/2.1 A and AA rules. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: { target: string; summary: string }[]
}

/** Runs axe on the page's document with the given tags; only violations are returned. */
export async function runAxe(page: Page, tags: string[] = WCAG_AA_TAGS): Promise<AxeViolation[]> {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.addScriptTag({ content: source })
  return page.evaluate(async (values) => {
    interface AxeResult {
      violations: {
        id: string
        impact?: string | null
        help: string
        helpUrl: string
        nodes: { target: unknown[]; failureSummary?: string }[]
      }[]
    }
    const axe = (window as unknown as { axe: { run(...args: unknown[]): Promise<AxeResult> } }).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values },
      resultTypes: ['violations'],
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
      })),
    }))
  }, tags)
}

/** A readable list of violations for a failure message. */
export function formatViolations(url: string, violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${url}: [${v.impact}] ${v.id} — ${v.help} (${v.helpUrl})\n${v.nodes
          .slice(0, 8)
          .map((n) => `    ${n.target}  ${n.summary}`)
          .join('\n')}${v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : ''}`,
    )
    .join('\n')
}
