/**
 * @module
 * English texts of applicants' accounts (citizens and company representatives): sign-in,
 * registration, claiming an account with an EDS, the header menu and the errors of src/auth/persons.ts. Keys are defined here;
 * persons.kk.ts and persons.ru.ts must have every one, with the same `{param}` placeholders.
 */
export const personsEn = {
  'persons.menu.label': 'Applicant',
  'persons.menu.signIn': 'Sign in (citizens)',
  'persons.menu.signOut': 'Sign out',
  'persons.login.title': 'Sign in: citizens and companies',
  'persons.login.intro':
    'Sign in with your IIN and password to apply for public services and follow your applications.',
  'persons.login.submit': 'Sign in',
  'persons.login.invalid': 'The IIN or the password is wrong.',
  'persons.login.locked':
    'Too many failed attempts: the account is locked until {time} (Astana time). Try again later.',
  'persons.login.noAccount': 'No account yet?',
  'persons.login.registerLink': 'Create one',
  'persons.login.staffLink': 'Sign-in for staff of state bodies and akimats',
  'persons.register.title': 'Create an applicant account',
  'persons.register.intro':
    "With an account you apply for public services through the portal and see your applications and their results. A company's representative registers with their own IIN.",
  'persons.register.submit': 'Create the account',
  'persons.register.haveAccount': 'Already have an account?',
  'persons.register.loginLink': 'Sign in',
  'persons.field.iin': 'IIN',
  'persons.field.iinHint': 'Individual identification number: 12 digits.',
  'persons.field.name': 'Full name',
  'persons.field.email': 'E-mail (optional)',
  'persons.field.password': 'Password',
  'persons.field.repeatPassword': 'Repeat the password',
  'persons.password.policy':
    'The password needs at least {min} characters and must not be your IIN or e-mail address. A phrase of several words is easy to remember and hard to guess.',
  'persons.error.iin': 'The IIN must be 12 digits, not "{value}".',
  'persons.error.iinCheck':
    'The IIN "{value}" is mistyped: its last (check) digit does not match the others.',
  'persons.error.iinTaken': 'An account with the IIN {iin} already exists: sign in with it.',
  'persons.error.name': 'The full name is required, at most {max} characters.',
  'persons.error.passwordIsIin': 'The password must not be your IIN.',
  'persons.error.signInRequired': 'Sign in as an applicant (with your IIN) to do this.',
  'persons.register.claimOffer':
    'This IIN already has an account. If it is yours, prove it with your electronic signature:',
  'persons.register.claimLink': 'claim the account with your EDS',
  'persons.claim.title': 'Claim an applicant account with your EDS',
  'persons.claim.askIin':
    'Enter the IIN whose account is yours, though someone else registered it.',
  'persons.claim.next': 'Continue',
  'persons.claim.intro':
    'The account of IIN {iin} exists. If the IIN is yours, sign the text below with your own EDS certificate, issued to this IIN (not a company’s certificate with a BIN). The account then gets the name, e-mail and password you give here, every session of it ends and you are signed in. Applications stay with the IIN: only its owner can sign them.',
  'persons.claim.validity': 'The text is valid for 15 minutes and in this browser only.',
  'persons.claim.submit': 'Claim the account',
  'persons.claim.noAccount': 'No account has the IIN {iin}: register instead.',
  'persons.claim.registerLink': 'Create an account',
  'persons.claim.expired': 'The text to sign has expired: sign the new one shown below.',
  'persons.claim.dataMismatch':
    'The signature is not over the text shown on this page: sign exactly that text, in this browser.',
  'persons.claim.otherIin':
    'The certificate is not this IIN’s: sign with a certificate issued to IIN {iin}.',
  'persons.claim.company':
    'This is a company’s certificate (it carries a BIN): sign with your personal certificate.',
  'persons.claim.unavailable':
    'Signatures cannot be checked on this server (the e-services are not configured), so an account cannot be claimed here.',
  'persons.claim.disabled':
    'The account now has your name and password, but it is disabled: ask the administrator to enable it.',
  'persons.error.notFound': 'No account has the IIN {iin}.',
} as const
