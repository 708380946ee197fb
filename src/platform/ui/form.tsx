import type { ComponentChildren } from 'preact'
import type { PageContext } from '../http/context'

/** What a form shows: the values typed (kept on error) and translated messages per field. */
export interface FormState {
  readonly values: Readonly<Record<string, unknown>>
  readonly errors: Readonly<Record<string, string>>
}

export const emptyForm: FormState = { values: {}, errors: {} }

export function fieldId(name: string): string {
  return `feld-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`
}

function str(v: unknown): string {
  if (v === undefined || v === null) return ''
  return String(v)
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

function Hint({ name, hint }: { name: string; hint?: string | undefined }) {
  return hint ? (
    <div class="kern-hint" id={`${fieldId(name)}-hint`}>
      {hint}
    </div>
  ) : null
}

function FieldError({ name, error, ctx }: { name: string; error?: string | undefined; ctx: PageContext }) {
  return error ? (
    <p class="kern-error" id={`${fieldId(name)}-error`}>
      <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span class="kern-sr-only">{ctx.t('ui.error.prefix')} </span>
      {error}
    </p>
  ) : null
}

function Label({
  ctx,
  name,
  label,
  optional,
}: {
  ctx: PageContext
  name: string
  label: string
  optional?: boolean | undefined
}) {
  return (
    <label class="kern-label" for={fieldId(name)}>
      {label}
      {optional ? <span class="kern-label__optional"> – {ctx.t('ui.optional')}</span> : null}
    </label>
  )
}

interface FieldProps {
  ctx: PageContext
  form: FormState
  name: string
  label: string
  hint?: string
  optional?: boolean
}

export function TextInput({
  ctx,
  form,
  name,
  label,
  hint,
  optional,
  type = 'text',
  autocomplete,
  inputmode,
  width,
}: FieldProps & {
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'search' | 'number'
  autocomplete?: string
  inputmode?: 'numeric' | 'decimal' | 'text' | 'email' | 'tel'
  width?: 2 | 4
}) {
  const error = form.errors[name]
  // Preact's input typings narrow by `type`; this component accepts the text-like ones only.
  const typeAttr = { type } as { type: 'text' }
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <Label ctx={ctx} name={name} label={label} optional={optional} />
      <Hint name={name} hint={hint} />
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}${width ? ` kern-form-input__input--width-${width}` : ''}`}
        id={fieldId(name)}
        name={name}
        {...typeAttr}
        value={type === 'password' ? '' : str(form.values[name])}
        autocomplete={autocomplete}
        inputMode={inputmode}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
        required={!optional}
      />
      <FieldError name={name} error={error} ctx={ctx} />
    </div>
  )
}

export function Textarea({
  ctx,
  form,
  name,
  label,
  hint,
  optional,
  rows = 6,
}: FieldProps & { rows?: number }) {
  const error = form.errors[name]
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <Label ctx={ctx} name={name} label={label} optional={optional} />
      <Hint name={name} hint={hint} />
      <textarea
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        id={fieldId(name)}
        name={name}
        rows={rows}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
        required={!optional}
      >
        {str(form.values[name])}
      </textarea>
      <FieldError name={name} error={error} ctx={ctx} />
    </div>
  )
}

export interface Option {
  readonly value: string
  readonly label: string
}

export function Select({
  ctx,
  form,
  name,
  label,
  hint,
  optional,
  options,
  placeholder,
}: FieldProps & {
  options: readonly Option[]
  /** A required select starts on an empty "please choose" entry instead of the first option. */
  placeholder?: boolean
}) {
  const error = form.errors[name]
  const current = str(form.values[name])
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <Label ctx={ctx} name={name} label={label} optional={optional} />
      <Hint name={name} hint={hint} />
      <div class="kern-form-input__select-wrapper">
        <select
          class={`kern-form-input__select${error ? ' kern-form-input__select--error' : ''}`}
          id={fieldId(name)}
          name={name}
          aria-describedby={describedBy(name, hint, error)}
          aria-invalid={error ? 'true' : undefined}
          required={!optional}
        >
          {optional || placeholder ? <option value="">{ctx.t('ui.select.none')}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === current}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <FieldError name={name} error={error} ctx={ctx} />
    </div>
  )
}

function Choices({
  ctx,
  form,
  name,
  label,
  hint,
  options,
  kind,
}: FieldProps & { options: readonly Option[]; kind: 'radio' | 'checkbox' }) {
  const error = form.errors[name]
  const raw = form.values[name]
  const selected = new Set((Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(str))
  return (
    <fieldset
      class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`}
      id={fieldId(name)}
      aria-describedby={describedBy(name, hint, error)}
      tabIndex={-1}
    >
      <legend class="kern-label">{label}</legend>
      <Hint name={name} hint={hint} />
      <div class="kern-fieldset__body">
        {options.map((o, i) => {
          const id = `${fieldId(name)}-${i}`
          return (
            <div key={o.value} class={`kern-form-check${error ? ' kern-form-check--error' : ''}`}>
              <input
                class={`kern-form-check__${kind}`}
                type={kind}
                id={id}
                name={name}
                value={o.value}
                checked={selected.has(o.value)}
              />
              <label class="kern-label" for={id}>
                {o.label}
              </label>
            </div>
          )
        })}
      </div>
      <FieldError name={name} error={error} ctx={ctx} />
    </fieldset>
  )
}

export function Radios(props: FieldProps & { options: readonly Option[] }) {
  return <Choices {...props} kind="radio" />
}

export function Checkboxes(props: FieldProps & { options: readonly Option[] }) {
  return <Choices {...props} kind="checkbox" />
}

/** A single checkbox (e.g. a declaration); submits "on" when ticked. */
export function Checkbox({ ctx, form, name, label }: Omit<FieldProps, 'hint' | 'optional'>) {
  const error = form.errors[name]
  const checked = form.values[name] === 'on' || form.values[name] === true
  return (
    <div class={`kern-form-check${error ? ' kern-form-check--error' : ''}`}>
      <input
        class="kern-form-check__checkbox"
        type="checkbox"
        id={fieldId(name)}
        name={name}
        value="on"
        checked={checked}
        aria-describedby={error ? `${fieldId(name)}-error` : undefined}
      />
      <label class="kern-label" for={fieldId(name)}>
        {label}
      </label>
      <FieldError name={name} error={error} ctx={ctx} />
    </div>
  )
}

/** A native date field (YYYY-MM-DD), optionally with a time. Works without JavaScript in every current browser. */
export function DateInput({
  ctx,
  form,
  name,
  label,
  hint,
  optional,
  withTime,
}: FieldProps & { withTime?: boolean }) {
  const error = form.errors[name]
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <Label ctx={ctx} name={name} label={label} optional={optional} />
      <Hint name={name} hint={hint} />
      <input
        class={`kern-form-input__input kern-form-input__input--width-4${error ? ' kern-form-input__input--error' : ''}`}
        id={fieldId(name)}
        name={name}
        type={withTime ? 'datetime-local' : 'date'}
        value={str(form.values[name])}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
        required={!optional}
      />
      <FieldError name={name} error={error} ctx={ctx} />
    </div>
  )
}

export function FileUpload({
  ctx,
  form,
  name,
  label,
  hint,
  optional,
  accept,
}: FieldProps & { accept?: string }) {
  const error = form.errors[name]
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <Label ctx={ctx} name={name} label={label} optional={optional} />
      <Hint name={name} hint={hint} />
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        id={fieldId(name)}
        name={name}
        type="file"
        accept={accept}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
        required={!optional}
      />
      <FieldError name={name} error={error} ctx={ctx} />
    </div>
  )
}

/**
 * Lists every error at the top of the form, each linking to its field. It takes focus on load
 * (autofocus works without JavaScript), so keyboard and screen-reader users land on it.
 */
export function ErrorSummary({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const entries = Object.entries(form.errors)
  if (entries.length === 0) return null
  return (
    <div
      class="kern-alert kern-alert--danger error-summary"
      role="alert"
      tabIndex={-1}
      autofocus
      aria-labelledby="error-summary-title"
      data-error-summary
    >
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--danger" aria-hidden="true" />
        <h2 class="kern-title" id="error-summary-title">
          {ctx.t('ui.error.summaryTitle')}
        </h2>
      </div>
      <div class="kern-alert__body">
        <ul class="kern-list">
          {entries.map(([name, message]) => (
            <li key={name}>
              <a class="kern-link" href={`#${fieldId(name)}`}>
                {message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}

/** A POST form with the CSRF token; multipart when it carries files. */
export function Form({
  ctx,
  action,
  children,
  multipart,
  method = 'post',
  class: className,
}: {
  ctx: PageContext
  action: string
  children: ComponentChildren
  multipart?: boolean
  method?: 'post' | 'get'
  class?: string
}) {
  return (
    <form
      method={method}
      action={action}
      enctype={multipart ? 'multipart/form-data' : undefined}
      class={className}
      noValidate
    >
      {method === 'post' ? <input type="hidden" name="_csrf" value={ctx.csrfToken()} /> : null}
      {children}
    </form>
  )
}

export function Button({
  children,
  variant = 'primary',
  name,
  value,
}: {
  children: ComponentChildren
  variant?: 'primary' | 'secondary' | 'tertiary'
  name?: string
  value?: string
}) {
  return (
    <button type="submit" class={`kern-btn kern-btn--${variant}`} name={name} value={value}>
      <span class="kern-label">{children}</span>
    </button>
  )
}
