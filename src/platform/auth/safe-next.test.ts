import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { safeNext } from './safe-next'

describe('safeNext', () => {
  it('keeps same-site paths with query and fragment', () => {
    assert.equal(safeNext('/konto'), '/konto')
    assert.equal(safeNext('/verwaltung/protokoll?actor=a%40b.de#x'), '/verwaltung/protokoll?actor=a%40b.de#x')
  })

  it('sends everything else to the start page (no open redirect)', () => {
    for (const bad of [
      undefined,
      '',
      'konto',
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      ' //evil.example',
      'javascript:alert(1)',
    ]) {
      assert.equal(safeNext(bad), '/', JSON.stringify(bad))
    }
  })

  it('percent-encodes characters beyond ASCII, so the Location header stays valid', () => {
    assert.equal(safeNext('/presse?thema=\u00fcber\u4e2d'), '/presse?thema=%C3%BCber%E4%B8%AD')
    assert.equal(safeNext('/presse?thema=\ud800'), '/')
  })
})
