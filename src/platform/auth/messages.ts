import { defineMessages } from '../i18n'

export const authMessages = defineMessages(
  {
    'auth.signIn.link': 'Anmelden',
    'auth.signIn.title': 'Anmelden',
    'auth.signIn.lead': 'Anmeldung für Mitarbeiterinnen und Mitarbeiter sowie Partnerorganisationen.',
    'auth.signIn.email': 'E-Mail-Adresse',
    'auth.signIn.password': 'Passwort',
    'auth.signIn.submit': 'Anmelden',
    'auth.signIn.invalid': 'E-Mail-Adresse oder Passwort sind nicht richtig.',
    'auth.signIn.locked':
      'Dieses Konto ist nach zu vielen Fehlversuchen vorübergehend gesperrt. Bitte versuchen Sie es in einigen Minuten erneut.',
    'auth.signIn.throttled':
      'Von Ihrem Netzwerk kamen zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie einige Minuten.',
    'auth.signIn.done': 'Sie sind angemeldet.',
    'auth.signOut.button': 'Abmelden',
    'auth.signOut.done': 'Sie sind abgemeldet.',
    'auth.account.title': 'Ihr Konto',
    'auth.account.roles': 'Rollen',
    'auth.account.email': 'E-Mail-Adresse',
  },
  {
    'auth.signIn.link': 'Sign in',
    'auth.signIn.title': 'Sign in',
    'auth.signIn.lead': 'Sign-in for staff and partner organisations.',
    'auth.signIn.email': 'E-mail address',
    'auth.signIn.password': 'Password',
    'auth.signIn.submit': 'Sign in',
    'auth.signIn.invalid': 'The e-mail address or password is not correct.',
    'auth.signIn.locked':
      'This account is temporarily locked after too many failed attempts. Please try again in a few minutes.',
    'auth.signIn.throttled': 'Too many failed sign-ins came from your network. Please wait a few minutes.',
    'auth.signIn.done': 'You are signed in.',
    'auth.signOut.button': 'Sign out',
    'auth.signOut.done': 'You are signed out.',
    'auth.account.title': 'Your account',
    'auth.account.roles': 'Roles',
    'auth.account.email': 'E-mail address',
  },
)
