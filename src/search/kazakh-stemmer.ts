/**
 * A light suffix-stripping stemmer for Kazakh (Cyrillic script), for full-text search over the
 * Kazakh text of legal acts. Snowball has no Kazakh stemmer; this one is ours.
 *
 * How it works. Kazakh is agglutinative and the inflectional suffixes of a noun come in a fixed
 * order: STEM + plural + possessive + case (e.g. жүйе-лер-і-нің, қызмет-тер-і-н). Verbal nouns and
 * participles put a verbal suffix before that chain (ұйымдастыр-у-ы-на, тірке-у-ге), while finite
 * verbs, converbs and the attributive participle in ‑атын end the word. The stemmer therefore
 * walks the suffix slots from the end of the word inwards ({@link SLOTS}), one pass, stripping at
 * most one suffix per slot (the longest that is allowed):
 *
 *   1. finite verb / participle / converb: ‑ады ‑еді ‑йды ‑йді, ‑атын ‑етін ‑йтын ‑йтін, ‑ып ‑іп;
 *      when one of these matches the rest is the verb stem and stripping stops;
 *   2. case: genitive, accusative, dative, locative, ablative, instrumental, ‑дағы/‑ндағы;
 *   3. possessive: 3rd person ‑ы/‑і/‑сы/‑сі and the long 1st/2nd person forms;
 *   4. plural: ‑лар/‑лер/‑дар/‑дер/‑тар/‑тер;
 *   5. verbal noun / past participle: ‑у, ‑ған/‑ген/‑қан/‑кен.
 *
 * Each suffix is listed only in the phonetic context where Kazakh actually uses that allomorph
 * (e.g. genitive ‑ның after a vowel or м/н/ң, ‑дың after л/р/й/у/з/ж, ‑тың after a voiceless
 * consonant; dative ‑на, locative ‑нда and accusative ‑н only after a 3rd-person possessive ы/і),
 * and only when its vowel agrees with the last vowel of the stem (vowel harmony). These two checks
 * are what keeps lexical endings apart from suffixes: «қала» is not қал + dative ‑а, «асырады» is
 * not an accusative in ‑ды, «ақпаратты» is.
 *
 * Final velars. Stems ending in a vowel + к/қ voice them before a vowel (мемлекеттік →
 * мемлекеттігі, құқық → құқығы, барлық → барлығы). To give both forms one stem while keeping the
 * stem a prefix of the word, a stem that ends in vowel + к/қ/г/ғ loses that last consonant
 * (мемлекеттік, мемлекеттігі, мемлекеттікке → мемлекетті). Such a stem can look like an inflected
 * word (мемлекетті is also the accusative of мемлекет), so for these words stemKazakh is not
 * idempotent: stemKazakh('мемлекетті') is 'мемлекет'. The same holds for any stem that ends like a
 * suffix (қабылда-у → қабылда, which reads as қабыл + locative ‑да; шілде-дегі → шілде). Stems are
 * index keys, not words: always stem the original token, never a stem. Re-stemming a stem can
 * only shorten it. The same alternation for п/б (тәртіп → тәртібі) is not handled, because
 * cutting п would merge тарап (party) with тарау (chapter).
 *
 * Rules and limits, chosen for precision (a missed form is better than a false match):
 * - Tokens with no Cyrillic letter, shorter than 3 letters, or written all upper-case in the input
 *   (abbreviations: ЭҮП, АЖ, ЖАО) are returned lower-cased and otherwise unchanged.
 * - A stem keeps at least 2 letters and at least one vowel (so алу, алады → ал; үйді → үй), and
 *   never cuts into a word of {@link PROTECTED_WORDS} (аудан is not ау + ‑дан).
 * - Derivational suffixes are NOT stripped: ‑лық/‑лік/‑дық/‑дік/‑тық/‑тік (ақпараттық ≠ ақпарат,
 *   әкімдік «akimat» ≠ әкім «akim», министрлік ≠ министр) and ‑шы/‑ші (пайдаланушы «user» ≠
 *   пайдалану «use»). Voice suffixes (passive ‑ыл/‑іл/‑н) are not stripped either (тіркелген →
 *   тіркел, тіркеу → тірке).
 * - Short possessives of the 1st/2nd person (‑ым/‑ім/‑м, ‑ың/‑ің/‑ң) are not stripped: legal text
 *   is written in the 3rd person, and these endings are mostly lexical (білім «education» is not
 *   біл «know» + ‑ім; ұйым, бөлім, адам, әкім). The long forms after a consonant (‑ымыз, ‑іміз, ‑ыңыз, ‑іңіз) are stripped.
 * - The equative ‑ша/‑ше is not stripped: in the acts it only occurs in lexicalised words
 *   (бойынша, қосымша, уақытша, ерекше, орташа «average» ≠ орта «middle»).
 * - ‑п after a vowel (сақтап) is not stripped (талап, кітап); ‑ып/‑іп only after л/н/р/з.
 */

/** Vowels; у and и are included (у after a vowel is a glide, see {@link lastVowelIsBack}). */
const VOWELS = new Set('аәеёиоөуұүыіэюя')
const BACK_VOWELS = new Set('аоұыяёу')
const FRONT_VOWELS = new Set('әеөүіэи')
/** Voiceless consonants, plus б/в/г/д, which are devoiced at the end of a (loan) word. */
const VOICELESS = new Set('кқпстфхцчшщбвгд')
const NASALS = new Set('мнң')
/** Voiced consonants that are neither nasal nor voiceless; у counts here (тіркеу-ді, құру-дың). */
const SONORANTS = new Set('лрйузж')

/** A condition on the stem that would remain if the suffix were removed. */
type Context = (stem: string) => boolean

const last = (stem: string): string => stem.at(-1) ?? ''
const isVowelNotU = (ch: string): boolean => VOWELS.has(ch) && ch !== 'у'
const afterVowel: Context = (s) => isVowelNotU(last(s))
const afterConsonant: Context = (s) => last(s) !== '' && !isVowelNotU(last(s))
const afterNasal: Context = (s) => NASALS.has(last(s))
const afterSonorant: Context = (s) => SONORANTS.has(last(s))
const afterVoiceless: Context = (s) => VOICELESS.has(last(s))
const afterVoiced: Context = (s) => afterVowel(s) || afterNasal(s) || afterSonorant(s)
/** After a 3rd-person possessive ы/і, which the possessive slot will strip next. */
const afterPossessive3: Context = (s) => /[ыі]$/.test(s) && s.length > 2
/** Accusative ‑н: also keeps lexical ‑ын/‑ін nouns whole (орын, ағын, отын, not ор‑ы‑н). */
const afterPossessive3Long: Context = (s) => afterPossessive3(s) && s.length > 3
const anyOf =
  (...contexts: Context[]): Context =>
  (s) =>
    contexts.some((c) => c(s))
const afterLetters =
  (letters: string): Context =>
  (s) =>
    letters.includes(last(s)) && last(s) !== ''

interface Suffix {
  readonly form: string
  readonly after: Context
}

/** Expands a list of forms sharing one context into suffix entries. */
const forms = (after: Context, ...list: string[]): Suffix[] => list.map((form) => ({ form, after }))

interface Slot {
  readonly name: string
  readonly suffixes: readonly Suffix[]
  /** When a suffix of this slot is stripped, the rest is a bare stem: stop. */
  readonly final?: boolean
}

/** Suffix slots, from the end of the word inwards. Within a slot the longest match wins. */
export const SLOTS: readonly Slot[] = [
  {
    name: 'verb form',
    final: true,
    suffixes: [
      // present/future 3rd person: ұйымдастыр-ады, бер-еді, әзірле-йді, бақыла-йды
      ...forms(afterConsonant, 'ады', 'еді'),
      ...forms(afterVowel, 'йды', 'йді'),
      // attributive participle: асыр-атын, бер-етін, жаса-йтын
      ...forms(afterConsonant, 'атын', 'етін'),
      ...forms(afterVowel, 'йтын', 'йтін'),
      // converb, only after typical verb-stem endings (беріл-іп, шығар-ып, енгіз-іп)
      ...forms(afterLetters('лнрз'), 'ып', 'іп'),
    ],
  },
  {
    name: 'case',
    suffixes: [
      // locative + relative ‑ғы: саласын-дағы, жөнін-дегі
      ...forms(afterVoiced, 'дағы', 'дегі'),
      ...forms(afterVoiceless, 'тағы', 'тегі'),
      ...forms(afterPossessive3, 'ндағы', 'ндегі'),
      // instrumental
      ...forms(anyOf(afterVowel, afterLetters('лрйу')), 'менен', 'мен'),
      ...forms(anyOf(afterNasal, afterLetters('зж')), 'бенен', 'бен'),
      ...forms(afterVoiceless, 'пенен', 'пен'),
      // ablative
      ...forms(anyOf(afterVowel, afterSonorant), 'дан', 'ден'),
      ...forms(anyOf(afterNasal, afterPossessive3), 'нан', 'нен'),
      ...forms(afterVoiceless, 'тан', 'тен'),
      // genitive
      ...forms(anyOf(afterVowel, afterNasal), 'ның', 'нің'),
      ...forms(afterSonorant, 'дың', 'дің'),
      ...forms(afterVoiceless, 'тың', 'тің'),
      // locative
      ...forms(afterPossessive3, 'нда', 'нде'),
      ...forms(afterVoiced, 'да', 'де'),
      ...forms(afterVoiceless, 'та', 'те'),
      // dative
      ...forms(afterVoiced, 'ға', 'ге'),
      ...forms(afterVoiceless, 'қа', 'ке'),
      ...forms(afterPossessive3, 'на', 'не'),
      // accusative
      ...forms(afterVowel, 'ны', 'ні'),
      ...forms(anyOf(afterNasal, afterSonorant), 'ды', 'ді'),
      ...forms(afterVoiceless, 'ты', 'ті'),
      ...forms(afterPossessive3Long, 'н'),
    ],
  },
  {
    name: 'possessive',
    suffixes: [
      // (the short forms ‑мыз/‑ңыз after a vowel are lexical too often: маңыз «importance»)
      ...forms(afterConsonant, 'ымыз', 'іміз', 'ыңыз', 'іңіз'),
      // жүйе-сі, but жұмыс-ы, not жұмы-сы: after ы/і only if that vowel is lexical (желі-сі,
      // пайдаланушы-сы, объекті-сі), i.e. not after the ‑ыс/‑іс of deverbal nouns (құрыл-ыс)
      ...forms((s) => afterVowel(s) && !/[нрлмйубз][ыі]$/.test(s), 'сы', 'сі'),
      // not the lexical ы/і of agent nouns (пайдаланушы, әкімші) or of ‑ғы/‑гі words (құрылғы,
      // үлгі); a velar is a possessive context only when voiced between vowels (барлығ-ы)
      // (‑нг of loans is fine: мониторинг-і)
      ...forms((s) => afterConsonant(s) && !/[^ыі]ш$|[^аәеёиоөұүыіэюян][кқгғ]$/.test(s), 'ы', 'і'),
    ],
  },
  {
    name: 'plural',
    suffixes: [
      ...forms(anyOf(afterVowel, afterLetters('рйу')), 'лар', 'лер'),
      ...forms(anyOf(afterNasal, afterLetters('лзж')), 'дар', 'дер'),
      ...forms(afterVoiceless, 'тар', 'тер'),
    ],
  },
  {
    name: 'verbal noun',
    suffixes: [
      ...forms(afterVoiced, 'ған', 'ген'),
      ...forms(afterVoiceless, 'қан', 'кен'),
      ...forms(() => true, 'у'),
    ],
  },
].map((slot) => ({
  ...slot,
  suffixes: [...slot.suffixes].sort((a, b) => b.form.length - a.form.length),
}))

/**
 * Words whose ending looks like a suffix but is part of the word. No stripping may cut into one
 * of them (ақпаратын → ақпарат, not ақп + ‑атын); their own inflections are still stripped.
 */
export const PROTECTED_WORDS: readonly string[] = [
  'қазақстан', // not қазақс + ablative ‑тан
  'аудан', // district, not ау + ablative
  'майдан',
  'жағдай', // situation: жағдайды is an accusative, not жағда + ‑йды
  'ақпарат', // nouns in ‑ат/‑ет: Xатын is X‑ат + ‑ы + ‑н, not X + participle ‑атын
  'мақсат',
  'саясат',
  'құжат',
  'шикізат',
  'сертификат',
  'қызмет',
  'міндет',
  'мәлімет',
  'мемлекет',
  'тәртіп', // not тәрт + converb
  'қауіп',
  'жылу', // heat, not жыл «year» + ‑у
  'елу', // fifty, not ел «country» + ‑у
  'қалау', // wish, not қала «city» + ‑у
  'басқа', // other, not бас «head» + dative
  'өзге',
  'салдар', // consequence, not сал + plural
  'ортақ', // common, not орта «middle» + the final-velar cut
  'атақ',
  'кеңес', // Xс + ы, not X + ‑сы: кеңесі, қатынасы, әдісі
  'қатынас',
  'процес',
  'әдіс',
  'тұрғын', // lexical ‑ын, not ‑ы + accusative ‑н
  'кәсіпорын',
  'кесте', // lexical ‑те/‑да/‑ға, not a locative or dative (the stem would be кес, шіл …)
  'шілде',
  'сауда',
  'пошта',
  'команда',
  'баға',
  'төраға',
  'желі', // lexical final і: желі-сі, желі-лер, not жел «wind» + possessive
  'қаулы',
]

const MIN_STEM = 2
const MIN_WORD = 3

/** Whether the last vowel of the stem is a back vowel; undefined if the stem has none. */
function lastVowelIsBack(stem: string): boolean | undefined {
  if (stem.endsWith('ь')) return false // модуль-дер, автомобиль-дер
  for (let i = stem.length - 1; i >= 0; i--) {
    const ch = stem[i]!
    if (ch === 'у' && i > 0 && VOWELS.has(stem[i - 1]!)) continue // glide: тіркеу, бақылау
    if (BACK_VOWELS.has(ch)) return true
    if (FRONT_VOWELS.has(ch)) return false
  }
  return undefined
}

/** Vowel harmony: a suffix with a back (front) vowel needs a stem whose last vowel is back (front). */
function harmonises(stem: string, suffix: string): boolean {
  const suffixBack = [...suffix].some((ch) => 'аоұы'.includes(ch))
  const suffixFront = [...suffix].some((ch) => 'әеөүі'.includes(ch))
  if (!suffixBack && !suffixFront) return true
  const stemBack = lastVowelIsBack(stem)
  return stemBack === undefined || stemBack === suffixBack
}

const hasVowel = (s: string): boolean => [...s].some((ch) => VOWELS.has(ch))

function cutsIntoProtected(word: string, stem: string): boolean {
  return PROTECTED_WORDS.some((p) => word.startsWith(p) && stem.length < p.length)
}

function allowed(word: string, stem: string, suffix: Suffix): boolean {
  if (PROTECTED_WORDS.includes(stem)) return true
  return (
    stem.length >= MIN_STEM &&
    hasVowel(stem) &&
    suffix.after(stem) &&
    harmonises(stem, suffix.form) &&
    !cutsIntoProtected(word, stem)
  )
}

/** мемлекеттік / мемлекеттігі → мемлекетті (see the module comment). */
function cutFinalVelar(stem: string): string {
  const n = stem.length
  const cut = stem.slice(0, -1)
  const velar = /[кқгғ]$/.test(stem) && isVowelNotU(stem[n - 2]!)
  return velar && cut.length >= 3 && !cutsIntoProtected(stem, cut) ? cut : stem
}

const CYRILLIC = /\p{Script=Cyrillic}/u
const LETTER = /\p{L}/gu

/**
 * The stem of one Kazakh word (any case in, lower case out). In a hyphenated token only the last
 * part is stemmed (ақпараттық-құқықтық → ақпараттық-құқықты, 7-бабының → 7-баб).
 */
export function stemKazakh(word: string): string {
  const hyphen = word.lastIndexOf('-')
  if (hyphen >= 0) {
    return word.slice(0, hyphen + 1).toLocaleLowerCase('kk') + stemWord(word.slice(hyphen + 1))
  }
  return stemWord(word)
}

function stemWord(word: string): string {
  const lower = word.toLocaleLowerCase('kk')
  const letters = word.match(LETTER) ?? []
  if (!CYRILLIC.test(word) || letters.length < MIN_WORD) return lower
  if (letters.length > 1 && word === word.toLocaleUpperCase('kk')) return lower // abbreviation

  let stem = lower
  let verbal = false
  for (const slot of SLOTS) {
    const match = slot.suffixes.find(
      (s) => stem.endsWith(s.form) && allowed(stem, stem.slice(0, -s.form.length), s),
    )
    if (!match) continue
    stem = stem.slice(0, -match.form.length)
    if (slot.name === 'verb form' || slot.name === 'verbal noun') verbal = true
    if (slot.final) break
  }
  return cutFinalVelar(verbal ? withoutPassive(lower, stem) : stem)
}

/**
 * A verb stem without its passive ‑ыл/‑іл (after a consonant), ‑л (after a vowel) or ‑ын/‑ін
 * (after л), so that the passive forms meet the active ones: автоматтандырылған and
 * автоматтандыру → автоматтандыр, тіркелген and тіркеу → тірке, алынған and алу → ал. Only after
 * a verbal suffix was stripped (so қала, бөлім are never touched), and never below three letters
 * (қал‑ған, сал‑у keep their л) except for the ‑ын of two-letter л-stems (ал‑ын).
 */
function withoutPassive(word: string, stem: string): string {
  const rest = (n: number) => stem.slice(0, -n)
  const ok = (candidate: string, min: number) =>
    candidate.length >= min && hasVowel(candidate) && !cutsIntoProtected(word, candidate)
  if (/[ыі]л$/.test(stem) && afterConsonant(rest(2)) && ok(rest(2), 3)) {
    return harmonises(rest(2), stem.slice(-2)) ? rest(2) : stem
  }
  if (/л$/.test(stem) && afterVowel(rest(1)) && ok(rest(1), 3)) return rest(1)
  if (/л[ыі]н$/.test(stem) && ok(rest(2), 2)) {
    return harmonises(rest(2), stem.slice(-2)) ? rest(2) : stem
  }
  return stem
}
