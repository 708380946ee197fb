import type jsonld from 'jsonld'
import { escapeXml } from '../../platform/http/sitemaps'

/**
 * JSON-LD → RDF/XML. The JSON-LD processor (the maintained `jsonld` package) turns the document into
 * RDF triples; this writes them as RDF/XML, one rdf:Description per subject. No RDF/XML writer on the
 * registry is maintained (the one that exists belongs to an abandoned toolkit), and flat
 * Descriptions need no more than the namespace split below; the test parses the result back with
 * an RDF/XML parser and compares the triples with the JSON-LD's.
 */

const KNOWN: Readonly<Record<string, string>> = {
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://www.w3.org/ns/dcat#': 'dcat',
  'http://purl.org/dc/terms/': 'dct',
  'http://dcat-ap.de/def/dcatde/': 'dcatde',
  'http://xmlns.com/foaf/0.1/': 'foaf',
  'http://www.w3.org/2006/vcard/ns#': 'vcard',
}

interface Term {
  termType: string
  value: string
  language?: string
  datatype?: { value: string }
}
interface Quad {
  subject: Term
  predicate: Term
  object: Term
}

/** Splits a predicate IRI into namespace and a local name XML allows (after the last # or /). */
function split(iri: string): [string, string] {
  const m = /^(.*[#/])([A-Za-z_][\w.-]*)$/.exec(iri)
  if (!m) throw new Error(`cannot write predicate ${iri} in RDF/XML`)
  return [m[1] as string, m[2] as string]
}

export async function toRdfXml(doc: object): Promise<string> {
  // The JSON-LD processor is loaded by the first RDF/XML download, not by every start.
  const { default: processor } = await import('jsonld')
  const quads = (await processor.toRDF(doc as jsonld.JsonLdDocument)) as unknown as Quad[]
  const prefixes = new Map<string, string>(Object.entries(KNOWN))
  const bySubject = new Map<string, Quad[]>()
  for (const q of quads) {
    const key = `${q.subject.termType}|${q.subject.value}`
    bySubject.set(key, [...(bySubject.get(key) ?? []), q])
    const [ns] = split(q.predicate.value)
    if (!prefixes.has(ns)) prefixes.set(ns, `ns${prefixes.size}`)
  }
  const node = (t: Term) =>
    t.termType === 'BlankNode'
      ? `rdf:nodeID="${escapeXml(t.value.replace(/^_:/, ''))}"`
      : `rdf:about="${escapeXml(t.value)}"`
  const out = ['<?xml version="1.0" encoding="utf-8"?>']
  out.push(`<rdf:RDF ${[...prefixes].map(([ns, p]) => `xmlns:${p}="${escapeXml(ns)}"`).join(' ')}>`)
  for (const group of bySubject.values()) {
    const first = group[0] as Quad
    out.push(`  <rdf:Description ${node(first.subject)}>`)
    for (const q of group) {
      const [ns, local] = split(q.predicate.value)
      const name = `${prefixes.get(ns)}:${local}`
      const o = q.object
      if (o.termType === 'NamedNode') out.push(`    <${name} rdf:resource="${escapeXml(o.value)}"/>`)
      else if (o.termType === 'BlankNode')
        out.push(`    <${name} rdf:nodeID="${escapeXml(o.value.replace(/^_:/, ''))}"/>`)
      else {
        const attr = o.language
          ? ` xml:lang="${escapeXml(o.language)}"`
          : o.datatype && o.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string'
            ? ` rdf:datatype="${escapeXml(o.datatype.value)}"`
            : ''
        out.push(`    <${name}${attr}>${escapeXml(o.value)}</${name}>`)
      }
    }
    out.push('  </rdf:Description>')
  }
  out.push('</rdf:RDF>', '')
  return out.join('\n')
}
