import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { Transport } from '../../shared/api/client'
import type { DispatchResult } from '../../shared/api/dispatch'
import { CALL_CHANNEL, EVENT_CHANNEL } from '../ipc-channels'

// The renderer gets the same Transport the WebSocket client gives it, and nothing else:
// no ipcRenderer, no Node.

const transport: Transport = {
  invoke: (method, input) => ipcRenderer.invoke(CALL_CHANNEL, method, input) as Promise<DispatchResult>,
  subscribe(listener) {
    const forward = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload)
    ipcRenderer.on(EVENT_CHANNEL, forward)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward)
  },
}

contextBridge.exposeInMainWorld('casefileTransport', transport)
