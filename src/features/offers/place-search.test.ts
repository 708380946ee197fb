import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { matchPlace, normalisePlaceName, type SearchPlace } from './place-search'

let n = 0
const place = (name: string, kind: SearchPlace['kind'] = 'municipality'): SearchPlace => ({
  id: `id-${++n}`,
  officialKey: String(n).padStart(8, '0'),
  kind,
  name,
  designation: null,
  latitude: 50,
  longitude: 9,
})

const PLACES = [
  place('Kassel'),
  place('Kassel', 'district'),
  place('Frankfurt am Main'),
  place('Offenbach am Main'),
  place('Offenbach', 'district'),
  place('Gießen'),
  place('Fulda'),
  place('Fuldatal'),
  place('Fuldabrück'),
  place('Main-Kinzig-Kreis', 'district'),
  place('Bad Homburg v.d. Höhe'),
  place('Büdingen'),
]

describe('matching the place a visitor means', () => {
  it('normalises case, accents, ß and punctuation', () => {
    assert.equal(normalisePlaceName('  Groß-Gerau '), 'gross gerau')
    assert.equal(normalisePlaceName('BÜDINGEN'), 'budingen')
  })

  it('an exact name wins; the city comes before the district of the same name, which is suggested', () => {
    const m = matchPlace('kassel', PLACES)
    assert.equal(m.chosen?.kind, 'municipality')
    assert.equal(m.corrected, false)
    assert.deepEqual(
      m.suggestions.map((s) => [s.name, s.kind]),
      [['Kassel', 'district']],
    )
  })

  it('accents and ß may be left out or written differently', () => {
    assert.equal(matchPlace('Giessen', PLACES).chosen?.name, 'Gießen')
    assert.equal(matchPlace('budingen', PLACES).chosen?.name, 'Büdingen')
    assert.equal(matchPlace('main kinzig kreis', PLACES).chosen?.name, 'Main-Kinzig-Kreis')
  })

  it('the beginning of a unique name is enough', () => {
    const m = matchPlace('Frankfurt', PLACES)
    assert.equal(m.chosen?.name, 'Frankfurt am Main')
    assert.equal(m.corrected, false)
  })

  it('a beginning several names share chooses none and suggests them all, shortest first', () => {
    const m = matchPlace('Fuld', PLACES)
    assert.equal(m.chosen, null)
    assert.deepEqual(
      m.suggestions.map((s) => s.name),
      ['Fulda', 'Fuldatal', 'Fuldabrück'],
    )
  })

  it('a typo is corrected to the nearest name and said so', () => {
    const m = matchPlace('Kasel', PLACES)
    assert.equal(m.chosen?.name, 'Kassel')
    assert.equal(m.chosen?.kind, 'municipality')
    assert.equal(m.corrected, true)
    assert.equal(matchPlace('Frankfrut', PLACES).chosen?.name, 'Frankfurt am Main')
    assert.equal(matchPlace('Giesen', PLACES).chosen?.name, 'Gießen')
  })

  it('a typo as near to two different names chooses neither and suggests both', () => {
    const m = matchPlace('Offenbch', PLACES)
    // "offenbch" is one edit from "offenbach" (the district) and from the start of "offenbach am main".
    assert.equal(m.chosen, null)
    assert.deepEqual(new Set(m.suggestions.map((s) => s.name)), new Set(['Offenbach', 'Offenbach am Main']))
  })

  it('words far from every name find nothing; short words get no typo allowance', () => {
    assert.deepEqual(matchPlace('Xyzzyq', PLACES), { chosen: null, corrected: false, suggestions: [] })
    assert.equal(matchPlace('Kas', PLACES).chosen, null)
    // One typo from Fulda and from the start of Fuldatal and Fuldabrück: all suggested, Fulda first.
    const fuldx = matchPlace('Fuldx', PLACES)
    assert.equal(fuldx.chosen, null)
    assert.deepEqual(
      fuldx.suggestions.map((s) => s.name),
      ['Fulda', 'Fuldabrück', 'Fuldatal'],
    )
    assert.equal(matchPlace('', PLACES).chosen, null)
  })
})
