import Type from 'typebox'

const queryValue = () => Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]))

/**
 * The finder's query string (German names, they are the public URL): ort (place words), gebiet
 * (official key of a suggestion followed), sprache, thema, fuer (target group), online, seite.
 * Anything malformed is ignored or answered next to the field, never with an error page.
 */
export const FinderQuery = Type.Object({
  ort: queryValue(),
  gebiet: queryValue(),
  sprache: queryValue(),
  thema: queryValue(),
  fuer: queryValue(),
  online: queryValue(),
  seite: queryValue(),
})
