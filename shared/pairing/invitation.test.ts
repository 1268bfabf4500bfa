import { describe, expect, it } from 'vitest'
import { invitationPageUrl, parseInvitation } from './invitation'

const secret = 'q5pUjC1c8QmUw3m6b4c2Xg'

describe('reading a pasted invitation', () => {
  it('takes the link, the short code and the browser URL alike', () => {
    const expected = { host: '192.168.1.20', port: 40123, secret }
    expect(parseInvitation(`casefile://join?host=192.168.1.20&port=40123&secret=${secret}`)).toEqual(expected)
    expect(parseInvitation(`  192.168.1.20:40123#${secret}\n`)).toEqual(expected)
    expect(parseInvitation(`http://192.168.1.20:40123/?token=${secret}`)).toEqual(expected)
  })

  it('handles IPv6 addresses in brackets', () => {
    const target = parseInvitation(`[fe80::1]:5000#${secret}`)
    expect(target).toEqual({ host: 'fe80::1', port: 5000, secret })
    expect(invitationPageUrl(target!)).toBe(`http://[fe80::1]:5000/?token=${secret}`)
  })

  it('refuses what is not an invitation', () => {
    for (const text of ['', 'hello', `192.168.1.20#${secret}`, `192.168.1.20:99999#${secret}`, '192.168.1.20:4000#short', `https://evil.example/?token=${secret}`, `casefile://open?host=a&port=1&secret=${secret}`]) {
      expect(parseInvitation(text)).toBeNull()
    }
  })
})
