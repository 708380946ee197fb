import path from 'node:path'

/** A real press release of the ministry in the importer's text format (see test/fixtures/press/README.md). */
export const IMPORT_FIXTURE_FILE = path.resolve(
  import.meta.dirname,
  '../fixtures/press/press-release-agah-plenary.txt',
)
