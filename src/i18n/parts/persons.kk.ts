/**
 * @module
 * Kazakh texts of applicants' accounts (азаматтар мен ұйым өкілдерінің тіркелгілері).
 */
import type { personsEn } from './persons.en.js'

export const personsKk: Record<keyof typeof personsEn, string> = {
  'persons.menu.label': 'Өтініш беруші',
  'persons.menu.signIn': 'Кіру (азаматтар)',
  'persons.menu.signOut': 'Шығу',
  'persons.login.title': 'Азаматтар мен ұйымдар үшін кіру',
  'persons.login.intro':
    'Мемлекеттік қызметтерге өтінім беру және өтінімдеріңізді бақылау үшін ЖСН мен құпиясөз арқылы кіріңіз.',
  'persons.login.submit': 'Кіру',
  'persons.login.invalid': 'ЖСН немесе құпиясөз қате.',
  'persons.login.locked':
    'Сәтсіз әрекеттер тым көп: тіркелгі {time} дейін бұғатталды (Астана уақыты). Кейінірек қайталаңыз.',
  'persons.login.noAccount': 'Тіркелгіңіз жоқ па?',
  'persons.login.registerLink': 'Тіркеліңіз',
  'persons.login.staffLink': 'Мемлекеттік органдар мен әкімдіктер қызметкерлерінің кіруі',
  'persons.register.title': 'Өтініш берушінің тіркелгісін ашу',
  'persons.register.intro':
    'Тіркелгіңіз болса, мемлекеттік қызметтерге порталда өтінім беріп, өтінімдеріңіз бен олардың нәтижелерін көре аласыз. Ұйымның өкілі өз ЖСН-імен тіркеледі.',
  'persons.register.submit': 'Тіркелгі ашу',
  'persons.register.haveAccount': 'Тіркелгіңіз бар ма?',
  'persons.register.loginLink': 'Кіріңіз',
  'persons.field.iin': 'ЖСН',
  'persons.field.iinHint': 'Жеке сәйкестендіру нөмірі: 12 цифр.',
  'persons.field.name': 'Тегі, аты, әкесінің аты',
  'persons.field.email': 'Электрондық пошта (міндетті емес)',
  'persons.field.password': 'Құпиясөз',
  'persons.field.repeatPassword': 'Құпиясөзді қайталаңыз',
  'persons.password.policy':
    'Құпиясөз кемінде {min} таңбадан тұруы керек және ЖСН-іңізбен немесе электрондық пошта мекенжайыңызбен бірдей болмауы тиіс. Бірнеше сөзден тұратын тіркес есте оңай сақталады, ал оны табу қиын.',
  'persons.error.iin': 'ЖСН 12 цифрдан тұруы керек, «{value}» емес.',
  'persons.error.iinCheck':
    '«{value}» ЖСН қате терілген: соңғы (бақылау) цифры басқаларына сәйкес келмейді.',
  'persons.error.iinTaken': 'ЖСН-і {iin} тіркелгі бұрыннан бар: сол арқылы кіріңіз.',
  'persons.error.name': 'Тегі, аты, әкесінің аты міндетті, ең көбі {max} таңба.',
  'persons.error.passwordIsIin': 'Құпиясөз ЖСН-іңізбен бірдей болмауы тиіс.',
  'persons.error.signInRequired': 'Бұл үшін өтініш беруші ретінде (ЖСН арқылы) жүйеге кіріңіз.',
}
