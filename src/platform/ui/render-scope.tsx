import { createContext, type VNode } from 'preact'
import { useContext } from 'preact/hooks'
import { renderToString } from 'preact-render-to-string'
import type { FormState } from './form'

/**
 * What one page render learns about its forms, so the page — not each view — works out what a
 * person needs when a form was refused:
 * - every field registers its label, so a message can name the field ("Füllen Sie „IBAN“ aus.")
 *   and the error summary lists the fields in the order they appear on the page;
 * - any field with an error marks the page as having errors, so the title starts with "Fehler:";
 * - only the first error summary on the page takes focus (each gets its number).
 *
 * The error summary stands above the fields it lists, so it is rendered as a placeholder and filled
 * in after the whole page has been rendered (`renderPage`). The same happens to the title.
 */
export class RenderScope {
  readonly #labels = new Map<FormState, Map<string, string>>()
  readonly #summaries: {
    forms: readonly FormState[]
    render: (entries: SummaryEntry[], index: number) => VNode
  }[] = []
  #title: { plain: string; withErrors: string } | undefined
  hasErrors = false

  field(form: FormState, name: string, label: string): void {
    let names = this.#labels.get(form)
    if (!names) {
      names = new Map()
      this.#labels.set(form, names)
    }
    if (!names.has(name)) names.set(name, label)
    if (form.errors[name]) this.hasErrors = true
  }

  /** Keeps a summary to fill in later; returns the number of its placeholder. */
  summary(forms: readonly FormState[], render: (entries: SummaryEntry[], index: number) => VNode): number {
    this.hasErrors = true
    this.#summaries.push({ forms, render })
    return this.#summaries.length - 1
  }

  title(plain: string, withErrors: string): void {
    this.#title ??= { plain, withErrors }
  }

  /** Fills the summaries in and prefixes the title once the whole page is known. */
  finish(html: string): string {
    let out = html
    this.#summaries.forEach((s, i) => {
      const entries = s.forms.flatMap((form) => {
        const labels = this.#labels.get(form) ?? new Map<string, string>()
        const names = [...labels.keys(), ...Object.keys(form.errors)].filter(
          (name, j, all) => form.errors[name] && all.indexOf(name) === j,
        )
        return names.map((name) => ({ name, message: fieldMessage(form, name, labels.get(name)) }))
      })
      out = out.replace(`<template data-error-summary-slot="${i}"></template>`, () =>
        renderToString(s.render(entries, i)),
      )
    })
    if (this.hasErrors && this.#title) {
      const plain = renderToString(<title>{this.#title.plain}</title>)
      const withErrors = renderToString(<title>{this.#title.withErrors}</title>)
      out = out.replace(plain, () => withErrors)
    }
    return out
  }
}

export interface SummaryEntry {
  readonly name: string
  readonly message: string
}

export const RenderScopeContext = createContext<RenderScope | null>(null)

export function useRenderScope(): RenderScope | null {
  return useContext(RenderScopeContext)
}

/**
 * Stands for the field's label inside a message made by `parseForm`; replaced by the label in quotes
 * when the field is rendered (U+2063 INVISIBLE SEPARATOR never occurs in typed text we keep).
 */
export const FIELD_TOKEN = '\u2063field\u2063'

/**
 * The message for one field with its label put in (a trailing remark in brackets, like
 * "(mindestens 12 Zeichen)", is left out); without a label, the message that names no field.
 */
export function fieldMessage(form: FormState, name: string, label: string | undefined): string {
  const message = form.errors[name] ?? ''
  if (!message.includes(FIELD_TOKEN)) return message
  if (!label) return form.unnamed?.[name] ?? message.replaceAll(FIELD_TOKEN, '')
  return message.replaceAll(FIELD_TOKEN, label.replace(/\s*\([^)]*\)\s*$/, ''))
}

/** Renders a page with a fresh scope; the HTML is complete (summaries filled, title prefixed). */
export function renderPage(vnode: VNode): string {
  const scope = new RenderScope()
  const html = renderToString(
    <RenderScopeContext.Provider value={scope}>{vnode}</RenderScopeContext.Provider>,
  )
  return scope.finish(html)
}
