// Progressive enhancement only: every journey works without this file.
document.documentElement.classList.add('js')
document.addEventListener('DOMContentLoaded', () => {
  // Browsers that ignore autofocus on non-form elements still move focus to the error summary.
  const summary = document.querySelector('[data-error-summary]')
  if (summary instanceof HTMLElement && document.activeElement !== summary) summary.focus()
})

// Proof-of-work of a form that asks for it (the report form at /melden, instead of a CAPTCHA): find a
// nonce so that SHA-256(challenge ":" nonce) starts with the asked number of zero bits, and send it
// with the form. Without this script, or before it is done, the server counts the form's age instead.
document.addEventListener('DOMContentLoaded', () => {
  const challenge = document.querySelector('input[name="pow"][data-pow-bits]')
  const form = challenge?.form
  const nonceInput = form?.querySelector('input[name="powNonce"]')
  if (!(challenge instanceof HTMLInputElement) || !form || !(nonceInput instanceof HTMLInputElement)) return
  if (!globalThis.crypto?.subtle) return
  const bits = Number(challenge.dataset.powBits)
  const encoder = new TextEncoder()
  const zeroBits = (bytes) => {
    let left = bits
    for (const byte of bytes) {
      if (left <= 0) return true
      if (left >= 8) {
        if (byte !== 0) return false
        left -= 8
      } else return byte >> (8 - left) === 0
    }
    return left <= 0
  }
  const solved = (async () => {
    for (let n = 0; n < 1e9; n++) {
      const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`${challenge.value}:${n}`))
      if (zeroBits(new Uint8Array(digest))) {
        nonceInput.value = String(n)
        return
      }
    }
  })()
  let sending = false
  form.addEventListener('submit', (event) => {
    if (nonceInput.value || sending) return
    event.preventDefault()
    sending = true
    solved.then(() => form.requestSubmit(event.submitter ?? undefined))
  })
})
