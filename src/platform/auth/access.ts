import { defineAccess } from '../access-rules'

/** Sign-in, own account and the administrators' account screens (authorisation matrix). */
export const access = defineAccess({
  async fixtures({ persona }) {
    // The account administrators open and change: not one of the matrix callers.
    return { accountId: await persona('accountTarget', []) }
  },
  routes: {
    // Signed in already: back to the start page.
    'GET /anmelden': { allow: 'anyone', status: { anonymous: 200, default: 303 } },
    'POST /anmelden': { allow: 'anyone' },
    'POST /abmelden': { allow: 'anyone' },
    // Only with a second factor pending; otherwise to the sign-in form (or home when signed in).
    'GET /anmelden/code': { allow: 'anyone', status: 303 },
    'POST /anmelden/code': { allow: 'anyone' },
    'GET /konto': { allow: 'signedIn' },
    'GET /konto/passwort': { allow: 'signedIn' },
    'POST /konto/passwort': { allow: 'signedIn' },
    'GET /konto/zwei-faktor': { allow: 'signedIn' },
    'POST /konto/zwei-faktor': { allow: 'signedIn' },
    'POST /konto/zwei-faktor/ausschalten': { allow: 'signedIn' },
    'GET /anmelden/passwort-vergessen': { allow: 'anyone' },
    'POST /anmelden/passwort-vergessen': { allow: 'anyone' },
    // Without a valid link token there is nothing to show.
    'GET /konto/passwort-festlegen': { allow: 'anyone', status: 404 },
    'POST /konto/passwort-festlegen': { allow: 'anyone' },
    'GET /verwaltung/konten': { allow: ['admin'] },
    'GET /verwaltung/konten/neu': { allow: ['admin'] },
    'POST /verwaltung/konten/neu': { allow: ['admin'] },
    'GET /verwaltung/konten/:id': { allow: ['admin'], params: (f) => ({ id: f.accountId }) },
    'POST /verwaltung/konten/:id': { allow: ['admin'], params: (f) => ({ id: f.accountId }) },
    'POST /verwaltung/konten/:id/passwort-link': { allow: ['admin'], params: (f) => ({ id: f.accountId }) },
    'POST /verwaltung/konten/:id/entsperren': { allow: ['admin'], params: (f) => ({ id: f.accountId }) },
    'POST /verwaltung/konten/:id/zwei-faktor': { allow: ['admin'], params: (f) => ({ id: f.accountId }) },
  },
})
