/**
 * @module
 * At most N inspections at a time: checking a large PDF or DOCX takes seconds of CPU and hundreds
 * of megabytes, so uploads arriving together wait their turn instead of exhausting the server.
 */

export class Slots {
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(readonly size: number) {}

  /** Runs `work` when a slot is free; the slot is freed however `work` ends. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) {
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.running++
    }
    try {
      return await work()
    } finally {
      const next = this.waiting.shift()
      // Hand the slot straight to the next in line, or give it back.
      if (next) next()
      else this.running--
    }
  }

  /** Inspections running now and waiting, for tests and monitoring. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length }
  }
}

/** The slots every file inspection shares (two: the machines have two cores). */
export const INSPECTIONS = new Slots(2)
