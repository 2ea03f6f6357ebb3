/**
 * @module
 * Russian texts of applicants' accounts (учётные записи граждан и представителей организаций).
 */
import type { personsEn } from './persons.en.js'

export const personsRu: Record<keyof typeof personsEn, string> = {
  'persons.menu.label': 'Заявитель',
  'persons.menu.signIn': 'Вход для граждан',
  'persons.menu.signOut': 'Выйти',
  'persons.login.title': 'Вход для граждан и организаций',
  'persons.login.intro':
    'Войдите по ИИН и паролю, чтобы подавать заявки на государственные услуги и следить за ними.',
  'persons.login.submit': 'Войти',
  'persons.login.invalid': 'Неверный ИИН или пароль.',
  'persons.login.locked':
    'Слишком много неудачных попыток: учётная запись заблокирована до {time} (время Астаны). Повторите попытку позже.',
  'persons.login.noAccount': 'Ещё нет учётной записи?',
  'persons.login.registerLink': 'Зарегистрируйтесь',
  'persons.login.staffLink': 'Вход для сотрудников государственных органов и акиматов',
  'persons.register.title': 'Регистрация заявителя',
  'persons.register.intro':
    'С учётной записью вы подаёте заявки на государственные услуги через портал и видите свои заявки и их результаты. Представитель организации регистрируется со своим ИИН.',
  'persons.register.submit': 'Зарегистрироваться',
  'persons.register.haveAccount': 'Уже есть учётная запись?',
  'persons.register.loginLink': 'Войдите',
  'persons.field.iin': 'ИИН',
  'persons.field.iinHint': 'Индивидуальный идентификационный номер: 12 цифр.',
  'persons.field.name': 'Фамилия, имя, отчество',
  'persons.field.email': 'Электронная почта (необязательно)',
  'persons.field.password': 'Пароль',
  'persons.field.repeatPassword': 'Повторите пароль',
  'persons.password.policy':
    'Пароль должен содержать не менее {min} символов и не совпадать с ИИН или адресом электронной почты. Фразу из нескольких слов легко запомнить и трудно подобрать.',
  'persons.error.iin': 'ИИН должен состоять из 12 цифр, а не «{value}».',
  'persons.error.iinCheck':
    'ИИН «{value}» набран с ошибкой: последняя (контрольная) цифра не сходится с остальными.',
  'persons.error.iinTaken': 'Учётная запись с ИИН {iin} уже есть: войдите с этим ИИН.',
  'persons.error.name': 'Укажите фамилию, имя и отчество — не более {max} символов.',
  'persons.error.passwordIsIin': 'Пароль не должен совпадать с ИИН.',
  'persons.error.signInRequired': 'Для этого войдите как заявитель (по ИИН).',
}
