import type { ApiClient } from '../../shared/api/contract'
import { createClient } from '../../shared/api/client'
import { SOCKET_PATH, TOKEN_PARAM } from '../../shared/api/wire'
import { nodeSocketTransport } from '../../electron/test-support/host'
import type { CasefileServer } from './server'

/** The server's API from the test itself (setting up data a user would have made), over the same WebSocket the UI uses. */
export async function connectApi(server: CasefileServer): Promise<{ client: ApiClient; close: () => void }> {
  const transport = await nodeSocketTransport(`${server.origin.replace('http', 'ws')}${SOCKET_PATH}?${TOKEN_PARAM}=${server.token}`)
  return { client: createClient(transport), close: () => transport.socket.close() }
}
