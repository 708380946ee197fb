import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { csrfTokenFor, csrfTokenValid, newCsrfCookieValue, originAllowed } from './csrf'

const key = randomBytes(32)
const own = ['https://teilhabe.hessen.de']

describe('CSRF tokens (signed double submit)', () => {
  it('gives every visitor a fresh random cookie value', () => {
    const a = newCsrfCookieValue()
    assert.match(a, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url')
    assert.notEqual(a, newCsrfCookieValue())
  })

  it('derives the token from the cookie under the key, and from nothing else', () => {
    const cookie = newCsrfCookieValue()
    const token = csrfTokenFor(key, cookie)
    assert.match(token, /^[A-Za-z0-9_-]{43}$/)
    assert.equal(csrfTokenFor(key, cookie), token, 'stable for one cookie')
    assert.notEqual(csrfTokenFor(key, newCsrfCookieValue()), token, 'another cookie, another token')
    assert.notEqual(csrfTokenFor(randomBytes(32), cookie), token, 'another key, another token')
    assert.notEqual(token, cookie)
  })

  it('accepts exactly the token of this cookie', () => {
    const cookie = newCsrfCookieValue()
    const token = csrfTokenFor(key, cookie)
    assert.equal(csrfTokenValid(key, cookie, token), true)
    assert.equal(csrfTokenValid(key, cookie, `${token}x`), false, 'longer')
    assert.equal(csrfTokenValid(key, cookie, token.slice(1)), false, 'shorter')
    assert.equal(
      csrfTokenValid(key, cookie, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
      false,
    )
    assert.equal(csrfTokenValid(key, newCsrfCookieValue(), token), false, 'token of another cookie')
    assert.equal(csrfTokenValid(randomBytes(32), cookie, token), false, 'token under another key')
    assert.equal(csrfTokenValid(key, cookie, cookie), false, 'the cookie itself is no token')
  })

  it('refuses a missing cookie, a missing or empty token and anything not a string', () => {
    const cookie = newCsrfCookieValue()
    const token = csrfTokenFor(key, cookie)
    assert.equal(csrfTokenValid(key, undefined, token), false)
    assert.equal(csrfTokenValid(key, '', csrfTokenFor(key, '')), false, 'an empty cookie is no cookie')
    assert.equal(csrfTokenValid(key, cookie, undefined), false)
    assert.equal(csrfTokenValid(key, cookie, ''), false)
    assert.equal(csrfTokenValid(key, cookie, [token]), false)
    assert.equal(csrfTokenValid(key, cookie, { toString: () => token }), false)
  })
})

describe('origin of unsafe requests', () => {
  it('allows our own origin, same-origin fetches, typed-in navigation and clients sending neither', () => {
    assert.equal(originAllowed({ origin: own[0] }, own), true)
    assert.equal(originAllowed({ 'sec-fetch-site': 'same-origin', origin: own[0] }, own), true)
    assert.equal(originAllowed({ 'sec-fetch-site': 'none' }, own), true)
    assert.equal(originAllowed({}, own), true)
  })

  it('refuses other sites and other origins', () => {
    for (const site of ['cross-site', 'same-site'])
      assert.equal(originAllowed({ 'sec-fetch-site': site, origin: own[0] }, own), false, site)
    assert.equal(originAllowed({ origin: 'https://evil.example' }, own), false)
    assert.equal(
      originAllowed({ 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' }, own),
      false,
    )
    assert.equal(originAllowed({ origin: 'null' }, own), false)
  })
})
