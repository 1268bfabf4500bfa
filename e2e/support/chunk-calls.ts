import type { Page } from '@playwright/test'

/** Chunk seqs the page asks the host for (sessions.chunks calls over the API's WebSocket), as they are asked. */
export function watchChunkCalls(page: Page): number[] {
  const seqs: number[] = []
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { method?: string; input?: { fromSeq: number; toSeq: number } }
      if (message.method !== 'sessions.chunks' || !message.input) return
      for (let seq = message.input.fromSeq; seq <= message.input.toSeq; seq++) seqs.push(seq)
    })
  })
  return seqs
}
