import type { ComponentChildren } from 'preact'
import type { AppDeps } from './feature'
import type { PageContext } from './http/context'
import type { MessageKey } from './i18n'

/**
 * The open-data registry: each feature declares the public datasets it owns (`datasets` in its
 * feature.ts, read from its own tables) and the APIs it serves (`dataServices`); the open-data
 * feature publishes them as CSV and JSON, lists them in the DCAT-AP.de catalogue at
 * /opendata/catalog and explains them at /offene-daten. No feature reads another's tables for it
 * (docs/decisions/open-data-registry.md).
 */

/** A cell of a dataset: what CSV and JSON both carry without loss. */
export type DatasetValue = string | number | boolean | null

export interface DatasetColumn {
  /** Column name in CSV and property name in JSON (snake_case, German or English as the source). */
  readonly name: string
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime'
}

/**
 * Update frequency, from the EU's frequency vocabulary
 * (http://publications.europa.eu/resource/authority/frequency/…).
 */
export type DatasetFrequency = 'CONT' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'ANNUAL' | 'IRREG'

/** Data themes of the EU vocabulary (http://publications.europa.eu/resource/authority/data-theme/…). */
export type DatasetTheme = 'SOCI' | 'GOVE' | 'REGI' | 'EDUC' | 'JUST'

/** Licences of the DCAT-AP.de vocabulary: Datenlizenz Deutschland – Namensnennung / Zero – 2.0. */
export type DatasetLicence = 'dl-by-de/2.0' | 'dl-zero-de/2.0'

export interface DatasetRows {
  readonly rows: readonly Readonly<Record<string, DatasetValue>>[]
  /** When a record of it last changed (null: not known). */
  readonly modified?: Date | null | undefined
  /** The span of time the records cover, as ISO days. */
  readonly temporal?: { readonly start: string; readonly end: string } | null | undefined
  /** Five-digit keys (Kreisschlüssel) of the Hessian districts the records concern. */
  readonly districts?: readonly string[] | undefined
}

export interface Dataset {
  /** The dataset's name in URLs: /opendata/<id>.csv, /opendata/<id>.json (lower case, hyphens). */
  readonly id: string
  readonly titleKey: MessageKey
  readonly descriptionKey: MessageKey
  /** Free keywords in German (GovData searches them). */
  readonly keywords: readonly string[]
  readonly themes: readonly DatasetTheme[]
  readonly frequency: DatasetFrequency
  readonly licence: DatasetLicence
  readonly columns: readonly DatasetColumn[]
  /** The public records, as the feature publishes them on its pages (nothing confidential, no demo). */
  read(deps: AppDeps): Promise<DatasetRows>
}

/** An API a feature serves (OParl): listed in the catalogue as a dcat:DataService and on the page. */
export interface DataService {
  readonly id: string
  readonly titleKey: MessageKey
  readonly descriptionKey: MessageKey
  /** Locale-free path of the entry point, e.g. /oparl/v1. */
  readonly endpoint: string
  /** The standard it implements (dct:conformsTo), e.g. https://schema.oparl.org/1.1/ */
  readonly conformsTo: string
  readonly licence: DatasetLicence
  /** What the open-data page says about it, below its heading (`endpointUrl`: the absolute entry point). */
  section(ctx: PageContext, endpointUrl: string): ComponentChildren
}

export function defineDataset(dataset: Dataset): Dataset {
  return dataset
}
