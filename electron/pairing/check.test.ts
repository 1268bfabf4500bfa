import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { hostAnswers } from './check'

describe("checking a partner's invitation address", () => {
  it('finds a host that answers http, whatever it says, and none where nothing listens any more', async () => {
    const server = createServer((_request, response) => response.writeHead(401).end())
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    expect(await hostAnswers('127.0.0.1', port)).toBe(true)
    await new Promise((resolve) => server.close(resolve))
    expect(await hostAnswers('127.0.0.1', port)).toBe(false)
  })
})
