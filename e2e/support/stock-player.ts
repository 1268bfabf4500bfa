import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { ROOT } from './server'

// Stock rrweb-player (the installed 2.1.6, its own UMD build) on a bare page, handed a whole
// recording: the replay benchmark's baseline, and the reference replay tests compare against.
// "Load" fetches and parses the recording and starts the player (window.player). For the
// benchmark, the page notes when the first frame and each seek of its progress bar are on screen
// (window.__bench, read as e2e/bench/replay-probe.ts reads the app's page).

const PLAYER_DIST = join(ROOT, 'node_modules', 'rrweb-player', 'dist')

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>rrweb-player baseline</title>
<link rel="stylesheet" href="/style.css">
<script src="/rrweb-player.js"></script>
</head><body>
<button id="load">Load</button>
<div id="player"></div>
<script>
const bench = (window.__bench = { downAt: 0, marks: [] })
addEventListener('pointerdown', () => (bench.downAt = performance.now()), true)
// The DOM is at the new time once the handler has run; the frame after shows it.
const mark = (what) => {
  const domAt = performance.now()
  const time = window.player ? window.player.getReplayer().getCurrentTime() : null
  requestAnimationFrame(() => bench.marks.push({ what, time, domAt, frameAt: performance.now() }))
}
document.getElementById('load').addEventListener('click', async () => {
  const events = await (await fetch('/events.json')).json()
  const Player = rrwebPlayer.Player || rrwebPlayer.default || rrwebPlayer
  window.player = new Player({ target: document.getElementById('player'), props: { events, width: 1024, height: 576, autoPlay: false } })
  const replayer = window.player.getReplayer()
  if (replayer.firstFullSnapshot) mark('open')
  else replayer.on('fullsnapshot-rebuilded', function once() { replayer.off('fullsnapshot-rebuilded', once); mark('open') })
})
// Bubbling to the window: the progress bar's own click handler (its seek) has run.
addEventListener('click', (event) => { if (event.target.closest('.rr-progress')) mark('seek') })
</script></body></html>`

export interface StockPlayerServer {
  url: string
  close(): Promise<void>
}

/** Serves the page with `eventsJson` (a JSON array of rrweb events) as its recording. */
export async function startStockPlayer(eventsJson: string): Promise<StockPlayerServer> {
  const files: Record<string, { type: string; body: string | Buffer }> = {
    '/': { type: 'text/html; charset=utf-8', body: PAGE },
    '/rrweb-player.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(PLAYER_DIST, 'rrweb-player.umd.cjs')) },
    '/style.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(PLAYER_DIST, 'style.css')) },
    '/events.json': { type: 'application/json', body: eventsJson },
  }
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://host').pathname]
    if (!file) return response.writeHead(404).end()
    response.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' }).end(file.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
