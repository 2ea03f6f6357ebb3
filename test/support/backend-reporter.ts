/**
 * @module
 * A Vitest reporter that closes the run with one line per storage backend, counting the tests
 * whose name carries `[sqlite]` or `[postgres]`, so the output shows that both really ran.
 */
import type { Reporter, TestCase } from 'vitest/node'

export default class BackendReporter implements Reporter {
  private counts = new Map<string, { passed: number; failed: number; skipped: number }>()

  onTestCaseResult(testCase: TestCase): void {
    const backend = /\[(sqlite|postgres)\]/.exec(testCase.fullName)?.[1]
    if (!backend) return
    const entry = this.counts.get(backend) ?? { passed: 0, failed: 0, skipped: 0 }
    const state = testCase.result().state
    if (state === 'passed') entry.passed++
    else if (state === 'failed') entry.failed++
    else entry.skipped++
    this.counts.set(backend, entry)
  }

  onTestRunEnd(): void {
    const lines = ['sqlite', 'postgres'].map((backend) => {
      const c = this.counts.get(backend)
      return c
        ? `Storage tests on ${backend}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`
        : `Storage tests on ${backend}: none ran`
    })
    process.stdout.write(`\n${lines.join('\n')}\n`)
  }
}
