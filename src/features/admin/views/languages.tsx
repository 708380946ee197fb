import type { PageContext } from '../../../platform/http/context'
import { formatNumber, LOCALES } from '../../../platform/i18n'
import type { LanguageReport } from '../../../platform/i18n/translations'
import { PageHeading, Table } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'

/** Per language: reviewed or not, how much is translated, and which keys are missing (they show in German). */
export function LanguagesPage({ ctx, reports }: { ctx: PageContext; reports: readonly LanguageReport[] }) {
  const { t } = ctx
  const percent = (r: LanguageReport) =>
    `${formatNumber(ctx.locale, r.publicKeys ? (100 * r.translated) / r.publicKeys : 100, 1)} %`
  return (
    <Layout
      ctx={ctx}
      title={t('admin.languages.title')}
      breadcrumbs={[{ href: '/verwaltung', label: t('admin.title') }, { label: t('admin.languages.title') }]}
    >
      <PageHeading lead={t('admin.languages.lead')}>{t('admin.languages.title')}</PageHeading>
      <Table
        caption={t('admin.languages.caption')}
        rowKey={(r) => r.locale}
        rows={reports}
        columns={[
          {
            header: t('admin.languages.language'),
            cell: (r) => (
              <span lang={r.locale} dir={LOCALES[r.locale].dir}>
                {LOCALES[r.locale].name}
              </span>
            ),
          },
          {
            header: t('admin.languages.translated'),
            cell: (r) => `${r.translated} / ${r.publicKeys} (${percent(r)})`,
          },
          { header: t('admin.languages.minimum'), cell: (r) => `${r.minimumCoverage} %` },
          {
            header: t('admin.languages.reviewed'),
            cell: (r) => (r.reviewed ? t('admin.languages.yes') : t('admin.languages.no')),
          },
        ]}
      />
      {reports.map((r) =>
        r.missing.length ? (
          <section key={r.locale}>
            <h2 class="kern-heading-small">
              {t('admin.languages.missingIn', { language: LOCALES[r.locale].name, n: r.missing.length })}
            </h2>
            <ul class="kern-list">
              {r.missing.map((m) => (
                <li key={m.key}>
                  <code>{m.key}</code> ({m.part})
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
      <p class="kern-body">{t('admin.languages.howTo')}</p>
    </Layout>
  )
}
