import { defineMessages, type MessagesOf } from '../../../platform/i18n'

/** The public statistics (translated into every language of the platform). */
export const statisticsMessages = defineMessages(
  {
    'antidisc.stats.title': 'Statistik der Diskriminierungsmeldungen',
    'antidisc.stats.lead':
      'Wie viele Meldungen das Netzwerk gegen Diskriminierung Hessen über diese Seite bekommen hat: nach Grund, Quartal und Region.',
    'antidisc.stats.total': 'Meldungen insgesamt: {count}',
    'antidisc.stats.totalHidden': 'Meldungen insgesamt: weniger als 5',
    'antidisc.stats.rule':
      'Zum Schutz der Meldenden zeigen wir keine Zahl unter 5 und keine Zahl, aus der sich eine solche errechnen ließe („weniger als 5“ oder „verborgen“).',
    'antidisc.stats.byGround': 'Meldungen nach Grund',
    'antidisc.stats.byGround.note':
      'Eine Meldung kann mehrere Gründe nennen; die Zahlen ergeben zusammen daher mehr als die Meldungen insgesamt.',
    'antidisc.stats.byQuarter': 'Meldungen nach Quartal des Vorfalls',
    'antidisc.stats.byDistrict': 'Meldungen nach Landkreis oder kreisfreier Stadt',
    'antidisc.stats.col.ground': 'Grund',
    'antidisc.stats.col.quarter': 'Quartal',
    'antidisc.stats.col.district': 'Region',
    'antidisc.stats.col.count': 'Meldungen',
    'antidisc.stats.suppressed': 'weniger als 5 oder verborgen',
    'antidisc.stats.quarter': '{quarter}. Quartal {year}',
    'antidisc.stats.none': 'Noch keine Meldungen.',
    'antidisc.stats.byDomain': 'Fälle nach Lebensbereich',
    'antidisc.stats.byDomain.note':
      'Aus den Fallakten der Beratungsstellen, in denen der Lebensbereich angegeben ist.',
    'antidisc.stats.col.domain': 'Lebensbereich',
    'antidisc.stats.csv': 'Alle Zahlen als CSV-Datei herunterladen',
    'antidisc.stats.csv.table': 'Tabelle',
    'antidisc.stats.csv.key': 'Merkmal',
    'antidisc.stats.domain.work': 'Arbeit',
    'antidisc.stats.domain.housing': 'Wohnen',
    'antidisc.stats.domain.goods_services': 'Güter und Dienstleistungen',
    'antidisc.stats.domain.authorities': 'Ämter und Behörden',
    'antidisc.stats.domain.police_justice': 'Polizei und Justiz',
    'antidisc.stats.domain.education': 'Bildung',
    'antidisc.stats.domain.health_care': 'Gesundheit und Pflege',
    'antidisc.stats.domain.media_internet': 'Medien und Internet',
    'antidisc.stats.domain.public_space': 'Öffentlicher Raum',
    'antidisc.stats.domain.leisure': 'Vereine und Freizeit',
    'antidisc.stats.domain.transport': 'Öffentlicher Verkehr',
    'antidisc.openData.title': 'Statistik der Diskriminierungsmeldungen',
    'antidisc.openData.description':
      'Die veröffentlichten Zahlen der Meldungen an das Antidiskriminierungsnetzwerk nach Merkmal, Quartal, Kreis und Lebensbereich. Kleine Zahlen (unter 5) sind unterdrückt, damit niemand erkennbar wird.',
  },
  {
    'antidisc.stats.title': 'Statistics of discrimination reports',
    'antidisc.stats.lead':
      'How many reports the Network against Discrimination Hessen has received through this site: by ground, quarter and region.',
    'antidisc.stats.total': 'Reports in total: {count}',
    'antidisc.stats.totalHidden': 'Reports in total: fewer than 5',
    'antidisc.stats.rule':
      'To protect the people who report, we show no number below 5 and no number from which one could be worked out (“fewer than 5” or “hidden”).',
    'antidisc.stats.byGround': 'Reports by ground',
    'antidisc.stats.byGround.note':
      'A report can name several grounds, so together the numbers add up to more than the reports in total.',
    'antidisc.stats.byQuarter': 'Reports by quarter of the incident',
    'antidisc.stats.byDistrict': 'Reports by district or district-free city',
    'antidisc.stats.col.ground': 'Ground',
    'antidisc.stats.col.quarter': 'Quarter',
    'antidisc.stats.col.district': 'Region',
    'antidisc.stats.col.count': 'Reports',
    'antidisc.stats.suppressed': 'fewer than 5 or hidden',
    'antidisc.stats.quarter': 'Q{quarter} {year}',
    'antidisc.stats.none': 'No reports yet.',
    'antidisc.stats.byDomain': 'Cases by life domain',
    'antidisc.stats.byDomain.note': 'From the counselling centres’ case files that name the life domain.',
    'antidisc.stats.col.domain': 'Life domain',
    'antidisc.stats.csv': 'Download all figures as a CSV file',
    'antidisc.stats.csv.table': 'Table',
    'antidisc.stats.csv.key': 'Category',
    'antidisc.stats.domain.work': 'Work',
    'antidisc.stats.domain.housing': 'Housing',
    'antidisc.stats.domain.goods_services': 'Goods and services',
    'antidisc.stats.domain.authorities': 'Public authorities',
    'antidisc.stats.domain.police_justice': 'Police and justice',
    'antidisc.stats.domain.education': 'Education',
    'antidisc.stats.domain.health_care': 'Health and care',
    'antidisc.stats.domain.media_internet': 'Media and internet',
    'antidisc.stats.domain.public_space': 'Public space',
    'antidisc.stats.domain.leisure': 'Clubs and leisure',
    'antidisc.stats.domain.transport': 'Public transport',
    'antidisc.openData.title': 'Statistics of discrimination reports',
    'antidisc.openData.description':
      'The published counts of reports to the anti-discrimination network by ground, quarter, district and area of life. Small counts (below 5) are suppressed so that nobody can be identified.',
  },
)

declare module '../../../platform/i18n' {
  interface DeclaredMessages extends MessagesOf<typeof statisticsMessages> {}
}
