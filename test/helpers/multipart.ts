import type { Client } from './http'

/** A multipart/form-data body of text fields and at most one file, as a browser without JavaScript sends it. */
export function multipartBody(
  fields: Record<string, string>,
  file?: { field: string; name: string; bytes: Buffer; type?: string },
) {
  const boundary = '----teilhabe-test-boundary'
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/pdf'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** Posts an upload form through the client's session, with the CSRF token of the form's page. */
export async function submitMultipart(
  client: Client,
  formUrl: string,
  action: string,
  fields: Record<string, string>,
  file?: { field: string; name: string; bytes: Buffer; type?: string },
) {
  const token = await client.csrfToken(formUrl)
  const { body, contentType } = multipartBody({ _csrf: token, ...fields }, file)
  return client.postBody(action, body, contentType)
}
