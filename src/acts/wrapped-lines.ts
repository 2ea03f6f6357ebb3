/**
 * @module
 * Joining the wrapped lines of one list item (a glossary entry, an indicator title). On top of
 * {@link joinLines}, two wrap artefacts are undone that `joinLines` cannot see without knowing
 * the quotes: a quotation mark the extraction left at the end of one line or at the start of the
 * next («министрлігінің "» + «Оралман" деректер» → «министрлігінің "Оралман" деректер»), and a
 * line broken after a slash («өтініштер/» + «хабарламалар» → «өтініштер/хабарламалар»).
 */
import { joinLines } from './normalize.js'

const QUOTE = '"'

function quoteCount(text: string): number {
  return text.split(QUOTE).length - 1
}

/**
 * Joins the wrapped lines of one item into one string. A line ending in an opening quote, or a
 * line starting with the closing quote of a quotation left open, is joined without a space; so
 * is a line ending in «/». Everything else is left to {@link joinLines}.
 * @example
 * joinWrapped(['министрлігінің "', 'Оралман" деректер қоры'])
 * // 'министрлігінің "Оралман" деректер қоры'
 */
export function joinWrapped(texts: readonly string[]): string {
  let joined = ''
  for (const text of texts) {
    if (text === '') continue
    if (joined === '') {
      joined = text
      continue
    }
    const insideQuote = quoteCount(joined) % 2 === 1
    const opensAtEnd = joined.endsWith(QUOTE) && insideQuote
    const closesAtStart = text.startsWith(QUOTE) && insideQuote && !joined.endsWith(QUOTE)
    const glue = opensAtEnd || closesAtStart || joined.endsWith('/') ? '' : ' '
    joined = `${joined}${glue}${text}`
  }
  return joinLines([joined])
}
