import { ApiProvider } from '../api/ApiProvider'
import type { Connection } from '../api/client'
import { Workbench } from './Workbench'

export function App({ connection }: { connection: Connection }) {
  return (
    <ApiProvider client={connection.client}>
      <Workbench unauthorized={connection.kind === 'websocket' && !connection.hasToken} />
    </ApiProvider>
  )
}
