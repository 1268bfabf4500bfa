import type { ApiClient } from '../../shared/api/contract'
import type { FindingInput } from '../../shared/findings/model'
import { createClient } from '../../shared/api/client'
import { SOCKET_PATH, TOKEN_PARAM } from '../../shared/api/wire'
import { nodeSocketTransport } from '../../electron/test-support/host'
import type { CasefileServer } from './server'

/** The server's API from the test itself (setting up data a user would have made), over the same WebSocket the UI uses. */
export async function connectApi(server: CasefileServer): Promise<{ client: ApiClient; close: () => void }> {
  const transport = await nodeSocketTransport(`${server.origin.replace('http', 'ws')}${SOCKET_PATH}?${TOKEN_PARAM}=${server.token}`)
  return { client: createClient(transport), close: () => transport.socket.close() }
}

/** The demo incident's failing span (the payment service's charge): where an engineer's first finding goes. */
export const DEMO_FAILING_SPAN = '4925562e26609412'

/** A finding on the demo incident's failing span, as an engineer would have added it; returns the incident's id. */
export async function addDemoFinding(server: CasefileServer, finding: Pick<FindingInput, 'title'> & Partial<FindingInput>): Promise<number> {
  const { client, close } = await connectApi(server)
  try {
    const [demo] = await client.call('incidents.list', {})
    const [failing] = await client.call('traces.list', { incidentId: demo.id })
    await client.call('findings.create', {
      incidentId: demo.id,
      finding: {
        notes: '',
        severity: 'high',
        tags: [],
        author: 'ana',
        anchors: { timeMs: null, traceId: failing.traceId, spanId: DEMO_FAILING_SPAN, node: null, edge: null },
        ...finding,
      },
    })
    return demo.id
  } finally {
    close()
  }
}
