import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Type from 'typebox'
import type { PageContext } from '../http/context'
import { parseForm, withProblems } from '../http/forms'
import { type Locale, type MessageKey, mergeCatalogues, translator } from '../i18n'
import { Table } from './components'
import { DateInput, ErrorSummary, Fieldset, Form, type FormState, fields, TextInput } from './form'
import { Layout } from './layout'
import { uiMessages } from './messages'
import { renderPage } from './render-scope'

const catalogues = mergeCatalogues([uiMessages])

function pageContext(locale: Locale = 'de'): PageContext {
  return {
    locale,
    dir: 'ltr',
    t: translator(catalogues, locale),
    path: '/test',
    href: (p) => p,
    user: null,
    can: () => false,
    csrfToken: () => 'token',
    nav: [],
    alternates: [],
    demo: false,
    operator: null,
  }
}

const Schema = Type.Object({
  givenName: Type.String({ minLength: 1, maxLength: 100 }),
  postcode: Type.String({ pattern: '^\\d{5}$' }),
  iban: Type.String({ minLength: 1, maxLength: 50 }),
  password: Type.String({ minLength: 1 }),
})

/** A rule the schema cannot say, like an IBAN's check digits (a made-up key: it renders as itself). */
const ibanRule = (v: Readonly<Record<string, unknown>>) =>
  typeof v.iban === 'string' && !v.iban.startsWith('DE')
    ? [{ field: 'iban', key: 'test.iban' as MessageKey }]
    : []

function RegisterLike({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const f = fields(ctx, form)
  return (
    <Layout ctx={ctx} title="Registrieren">
      <f.Summary />
      <Form ctx={ctx} action="/x">
        <Fieldset heading legend="Vertretungsberechtigte Person">
          <f.Text name="givenName" label="Vorname" />
        </Fieldset>
        <f.Text name="postcode" label="Postleitzahl" width="postcode" />
        <f.Text name="iban" label="IBAN" width="iban" />
        <f.Text name="password" type="password" label="Passwort (mindestens 12 Zeichen)" />
      </Form>
    </Layout>
  )
}

describe('form components and messages', () => {
  it('check every rule in one pass and name each field in the summary and at the field, in page order', () => {
    const ctx = pageContext()
    const parsed = parseForm(Schema, { postcode: '6511', iban: 'XX12', password: 'geheim' }, ctx.t)
    assert.equal(parsed.ok, false)
    if (parsed.ok) return
    const state = withProblems(parsed.state, ibanRule(parsed.state.values), ctx.t)
    const html = renderPage(<RegisterLike ctx={ctx} form={state} />)
    assert.match(html, /<title>Fehler: Registrieren – /, 'the page works out that it has errors')
    const start = html.indexOf('error-summary"')
    const summary = html.slice(start, html.indexOf('</ul>', start))
    const links = [...summary.matchAll(/<a class="kern-link" href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [
      m[1],
      m[2],
    ])
    assert.deepEqual(links, [
      ['feld-givenName', 'Füllen Sie „Vorname“ aus.'],
      ['feld-postcode', 'Prüfen Sie die Angabe bei „Postleitzahl“.'],
      ['feld-iban', 'test.iban'],
    ])
    assert.match(html, /id="feld-givenName-error"[\s\S]*?Füllen Sie „Vorname“ aus\./)
    assert.match(summary, /autofocus/)
    // a kept form keeps every value but the password, and says so
    assert.match(html, /name="postcode"[^>]*value="6511"/)
    assert.match(html, /name="iban"[^>]*value="XX12"/)
    assert.doesNotMatch(html, /geheim/)
    assert.match(html, /Aus Sicherheitsgründen haben wir das Passwort nicht aufbewahrt/)
  })

  it('names the field in English too and falls back to a message without a name for a field not on the page', () => {
    const ctx = pageContext('en')
    const parsed = parseForm(Schema, { postcode: '65185', iban: 'DE1', password: 'x' }, ctx.t)
    assert.equal(parsed.ok, false)
    if (parsed.ok) return
    const html = renderPage(
      <Layout ctx={ctx} title="Sign up">
        <ErrorSummary ctx={ctx} form={parsed.state} />
      </Layout>,
    )
    assert.match(html, /Please fill in this field\./, 'givenName is not rendered: no name to give')
    const named = renderPage(<RegisterLike ctx={ctx} form={parsed.state} />)
    assert.match(named, /Enter “Vorname”\./)
  })

  it('lets only the first error summary of a page take focus and leaves a page without errors alone', () => {
    const ctx = pageContext()
    const a: FormState = { values: {}, errors: { x: 'Fehler A' } }
    const b: FormState = { values: {}, errors: { y: 'Fehler B' } }
    const html = renderPage(
      <Layout ctx={ctx} title="Zwei Formulare">
        <ErrorSummary ctx={ctx} form={a} />
        <TextInput ctx={ctx} form={a} name="x" label="X" />
        <ErrorSummary ctx={ctx} form={b} />
        <TextInput ctx={ctx} form={b} name="y" label="Y" />
      </Layout>,
    )
    assert.equal(html.match(/autofocus/g)?.length, 1)
    assert.ok(html.indexOf('autofocus') < html.indexOf('Fehler B'))
    assert.doesNotMatch(html, /data-error-summary-slot/, 'every placeholder is filled')
    const calm = renderPage(
      <Layout ctx={ctx} title="Ruhig">
        <TextInput ctx={ctx} form={{ values: {}, errors: {} }} name="x" label="X" />
      </Layout>,
    )
    assert.match(calm, /<title>Ruhig – /)
  })

  it('a field with an error marks the page even without a summary', () => {
    const ctx = pageContext()
    const html = renderPage(
      <Layout ctx={ctx} title="Bestätigen">
        <TextInput
          ctx={ctx}
          form={{ values: {}, errors: { password: 'Zu kurz.' } }}
          name="password"
          label="P"
        />
      </Layout>,
    )
    assert.match(html, /<title>Fehler: Bestätigen – /)
  })

  it('writes KERN fieldset markup, content widths and date inputs wide enough for their value', () => {
    const ctx = pageContext()
    const form: FormState = { values: { at: '2026-12-01T10:00' }, errors: {} }
    const html = renderPage(
      <Fieldset heading legend="Bankverbindung">
        <TextInput ctx={ctx} form={form} name="iban" label="IBAN" width="iban" />
        <DateInput ctx={ctx} form={form} name="at" label="Veröffentlichen am" withTime />
      </Fieldset>,
    )
    assert.match(
      html,
      /<fieldset class="kern-fieldset form-section"><legend class="kern-label kern-heading-small">Bankverbindung<\/legend><div class="kern-fieldset__body">/,
    )
    assert.match(html, /class="kern-form-input__input input-width input-width--iban"/)
    assert.match(html, /type="datetime-local" value="2026-12-01T10:00"/)
    assert.match(html, /input-width--datetime/)
    assert.doesNotMatch(html, /kern-form-input__input--width-/, 'KERN’s 56/80 px widths are never used')
  })

  it('labels every table cell for the phone cards and gives scrolling tables a visible hint', () => {
    const ctx = pageContext()
    const rows = [{ id: '1', name: 'Beirat Kassel', seats: 11 }]
    const columns = [
      { header: 'Name', cell: (r: (typeof rows)[number]) => r.name },
      { header: 'Sitze', cell: (r: (typeof rows)[number]) => r.seats, numeric: true },
    ]
    const stacked = renderPage(<Table caption="Beiräte" columns={columns} rows={rows} rowKey={(r) => r.id} />)
    assert.match(stacked, /class="data-table data-table--stack"/)
    assert.match(stacked, /<td role="cell" data-label="Sitze"/)
    assert.match(stacked, /role="region" aria-label="Beiräte"/)
    const scrolling = renderPage(
      <Table ctx={ctx} layout="scroll" caption="Mittel" columns={columns} rows={rows} rowKey={(r) => r.id} />,
    )
    assert.match(scrolling, /data-table__hint[^>]*>Die Tabelle ist breiter als der Bildschirm/)
    assert.match(scrolling, /<caption class="kern-sr-only">Mittel<\/caption>/)
  })
})
