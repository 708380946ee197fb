import { createServer, type Server, type Socket } from 'node:net'

export interface ReceivedMail {
  from: string
  to: string[]
  data: string
}

/**
 * A tiny SMTP server on 127.0.0.1 that speaks just enough SMTP (RFC 5321) for nodemailer:
 * EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT. `failWith` makes it refuse every MAIL FROM
 * with that reply (e.g. "451 4.3.0 try again later") to test retries.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = []
  failWith: string | undefined
  /** Called when a whole mail has arrived, just before the 250 reply: e.g. to kill the sender then. */
  onMessage: ((mail: ReceivedMail) => void) | undefined
  private readonly server: Server
  private readonly sockets = new Set<Socket>()

  constructor() {
    this.server = createServer((socket) => this.session(socket))
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    const address = this.server.address()
    if (!address || typeof address === 'string') throw new Error('no port')
    return `smtp://127.0.0.1:${address.port}`
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private session(socket: Socket): void {
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
    socket.on('error', () => {})
    socket.setEncoding('utf8')
    const say = (line: string) => socket.write(`${line}\r\n`)
    let buffer = ''
    let inData = false
    let mail: ReceivedMail = { from: '', to: [], data: '' }
    say('220 test.localhost ESMTP ready')
    socket.on('data', (chunk: string) => {
      buffer += chunk
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n')
          if (end < 0) return
          mail.data = buffer.slice(0, end).replace(/^\.\./gm, '.')
          buffer = buffer.slice(end + 5)
          inData = false
          this.received.push(mail)
          const accepted = mail
          mail = { from: '', to: [], data: '' }
          // The hook runs before the 250 goes out: a test that kills the sender here knows it died
          // with the whole mail delivered but before it could hear (and record) the acceptance. Run
          // after the 250, a preempted test process let the sender record "sent" first under load.
          this.onMessage?.(accepted)
          say('250 2.0.0 queued')
          continue
        }
        const nl = buffer.indexOf('\r\n')
        if (nl < 0) return
        const line = buffer.slice(0, nl)
        buffer = buffer.slice(nl + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO') {
          say('250-test.localhost')
          say('250 8BITMIME')
        } else if (verb === 'HELO') say('250 test.localhost')
        else if (verb === 'MAIL') {
          if (this.failWith) say(this.failWith)
          else {
            mail.from = line.replace(/^MAIL FROM:\s*/i, '')
            say('250 2.1.0 ok')
          }
        } else if (verb === 'RCPT') {
          mail.to.push(line.replace(/^RCPT TO:\s*/i, ''))
          say('250 2.1.5 ok')
        } else if (verb === 'DATA') {
          inData = true
          say('354 end with <CRLF>.<CRLF>')
        } else if (verb === 'RSET') {
          mail = { from: '', to: [], data: '' }
          say('250 ok')
        } else if (verb === 'NOOP') say('250 ok')
        else if (verb === 'QUIT') {
          say('221 bye')
          socket.end()
          return
        } else say('502 5.5.2 not implemented')
      }
    })
  }
}
