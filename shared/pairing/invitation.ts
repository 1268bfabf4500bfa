import { TOKEN_PARAM } from '../api/wire'

/** Where a shared session is and the secret that opens it. */
export interface InvitationTarget {
  host: string
  port: number
  secret: string
}

const SECRET = /^[A-Za-z0-9_-]{16,128}$/

const valid = (host: string, port: number, secret: string): InvitationTarget | null =>
  host && Number.isInteger(port) && port > 0 && port < 65536 && SECRET.test(secret) ? { host, port, secret } : null

/**
 * Reads what a partner pasted: the invitation's http URL, its `casefile://join?...` link, or its
 * short code `ADDRESS:PORT#SECRET` (an IPv6 address in brackets). Null when it is none of them.
 */
export function parseInvitation(text: string): InvitationTarget | null {
  const input = text.trim()
  const code = /^(\[[0-9a-fA-F:.]+\]|[^\s:/#[\]]+):(\d{1,5})#(\S+)$/.exec(input)
  if (code) return valid(code[1].replace(/^\[|\]$/g, ''), Number(code[2]), code[3])
  let url: URL
  try {
    url = new URL(input)
  } catch {
    return null
  }
  if (url.protocol === 'casefile:') {
    const params = url.searchParams
    // `casefile://join?...`: URL puts "join" in the host part of a non-special scheme.
    if (url.host !== 'join' && url.pathname.replace(/^\/+/, '') !== 'join') return null
    return valid(params.get('host') ?? '', Number(params.get('port')), params.get('secret') ?? '')
  }
  if (url.protocol === 'http:') return valid(url.hostname.replace(/^\[|\]$/g, ''), Number(url.port || 80), url.searchParams.get(TOKEN_PARAM) ?? '')
  return null
}

/** The page that opens the shared session in a browser (what the host serves guests). */
export function invitationPageUrl({ host, port, secret }: InvitationTarget): string {
  const address = host.includes(':') ? `[${host}]` : host
  return `http://${address}:${port}/?${TOKEN_PARAM}=${encodeURIComponent(secret)}`
}
