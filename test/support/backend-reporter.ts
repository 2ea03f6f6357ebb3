/**
 * @module
 * A Vitest reporter that closes the run with two lines: how many storage tests ran on each backend
 * (tests whose name carries `[sqlite]` or `[postgres]`), so the output shows that both really ran,
 * and the plain total `Tests: N passed, N failed, N skipped`.
 */
import type { Reporter, TestCase } from 'vitest/node'

type Counts = { passed: number; failed: number; skipped: number }

export default class BackendReporter implements Reporter {
  private total: Counts = { passed: 0, failed: 0, skipped: 0 }
  private byBackend = new Map<string, Counts>()

  onTestCaseResult(testCase: TestCase): void {
    const state = testCase.result().state
    const key = state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped'
    this.total[key]++
    const backend = /\[(sqlite|postgres)\]/.exec(testCase.fullName)?.[1]
    if (!backend) return
    const counts = this.byBackend.get(backend) ?? { passed: 0, failed: 0, skipped: 0 }
    counts[key]++
    this.byBackend.set(backend, counts)
  }

  onTestRunEnd(): void {
    const backends = ['sqlite', 'postgres'].map((backend) => {
      const c = this.byBackend.get(backend)
      return c ? `${backend} ${c.passed} passed / ${c.failed} failed` : `${backend} none ran`
    })
    const t = this.total
    process.stdout.write(
      `\nStorage tests by backend: ${backends.join('; ')}\n` +
        `Tests: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped\n`,
    )
  }
}
