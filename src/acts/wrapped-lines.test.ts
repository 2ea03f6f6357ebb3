import { describe, expect, it } from 'vitest'
import { joinWrapped } from './wrapped-lines.js'

describe('joinWrapped', () => {
  it('rejoins an opening quote left at the end of a line (158 l.12846–12847)', () => {
    expect(joinWrapped(['министрлігінің "', 'Оралман" деректер қоры"'])).toBe(
      'министрлігінің "Оралман" деректер қоры"',
    )
  })

  it('rejoins a closing quote pushed to the start of the next line (158 l.12890–12891)', () => {
    expect(joinWrapped(['министрлігінің "Әділет', '" ақпараттық-құқықтық жүйесі'])).toBe(
      'министрлігінің "Әділет" ақпараттық-құқықтық жүйесі',
    )
  })

  it('keeps a space after a closing quote that ends a line', () => {
    // 158 l.12926–12927: the fourth quote closes; the next line is a new word
    const lines = [
      '"Өңірлік шлюз "электрондық үкіметтің" қосалқы жүйесі ретінде"',
      'ақпараттық жүйесі',
    ]
    expect(joinWrapped(lines)).toBe(
      '"Өңірлік шлюз "электрондық үкіметтің" қосалқы жүйесі ретінде" ақпараттық жүйесі',
    )
  })

  it('joins after a slash without a space and skips blank lines', () => {
    expect(joinWrapped(['өтініштер/', '', 'хабарламалар үлесі ('])).toBe(
      'өтініштер/хабарламалар үлесі (',
    )
  })
})
