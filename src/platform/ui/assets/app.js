// Progressive enhancement only: every journey works without this file.
document.documentElement.classList.add('js')
document.addEventListener('DOMContentLoaded', () => {
  // Browsers that ignore autofocus on non-form elements still move focus to the error summary.
  const summary = document.querySelector('[data-error-summary]')
  if (summary instanceof HTMLElement && document.activeElement !== summary) summary.focus()
})
