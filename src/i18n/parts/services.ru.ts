import type { servicesEn } from './services.en.js'

export const servicesRu: Record<keyof typeof servicesEn, string> = {
  'services.placeholder': 'services',
  'services.error.cardNumber':
    'Номер карты должен содержать от 12 до 19 цифр и верную контрольную цифру.',
  'services.error.powerOfAttorneyNumber': 'Это не номер доверенности: «{value}».',
}
