/**
 * @module
 * A progress bar for long work, drawn on stderr only when it is a terminal; quiet otherwise, so
 * scripts and pipes get clean output.
 */
import cliProgress from 'cli-progress'

export interface Progress {
  /** Advances by `step` (default 1), optionally naming what is being done now. */
  tick(step?: number, item?: string): void
  /** Removes the bar. */
  stop(): void
}

export function createProgress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (!stream.isTTY || total <= 0) return { tick() {}, stop() {} }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {value}/{total} {item}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(total, 0, { item: '' })
  return {
    tick(step = 1, item = '') {
      bar.increment(step, { item })
    },
    stop() {
      bar.stop()
    },
  }
}
