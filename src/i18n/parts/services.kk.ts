import type { servicesEn } from './services.en.js'

export const servicesKk: Record<keyof typeof servicesEn, string> = {
  'services.placeholder': 'services',
  'services.error.cardNumber':
    'Карта нөмірі 12–19 цифрдан тұруы және бақылау цифры дұрыс болуы керек.',
  'services.error.powerOfAttorneyNumber': 'Бұл сенімхат нөмірі емес: «{value}».',
}
