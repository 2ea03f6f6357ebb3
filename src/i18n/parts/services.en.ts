/** English texts of the services pages (keys are defined here; kk and ru must have every one). */
export const servicesEn = {
  'services.placeholder': 'services',
  'services.error.cardNumber': 'The card number must have 12 to 19 digits and a valid check digit.',
  'services.error.powerOfAttorneyNumber': 'Not a power of attorney number: “{value}”.',
} as const
