import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createProgress } from './progress.js'

function stream(isTTY: boolean) {
  let written = ''
  const s = new Writable({
    write(chunk, _enc, done) {
      written += chunk
      done()
    },
  }) as unknown as NodeJS.WriteStream
  Object.assign(s, {
    isTTY,
    columns: 100,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  })
  return { s, text: () => written }
}

describe('createProgress', () => {
  it('draws a bar with the label, count and current item on a terminal', () => {
    const out = stream(true)
    const progress = createProgress('Importing', 4, out.s)
    progress.tick(1, 'act 158')
    progress.tick(1, 'act 142')
    progress.stop()
    expect(out.text()).toContain('Importing')
    expect(out.text()).toMatch(/2\/4 act 142/)
  })

  it('writes nothing when the stream is not a terminal', () => {
    const out = stream(false)
    const progress = createProgress('Importing', 4, out.s)
    progress.tick(2, 'x')
    progress.stop()
    expect(out.text()).toBe('')
  })
})
