// One measured phase of the import benchmark, in a process of its own so its peak RSS is its own.
// Usage: tsx e2e/bench/import-phase.ts import|floor FILE DB
import { readFileSync } from 'node:fs'
import { Workspace } from '../../electron/store/workspace'
import { runInWorker } from '../../electron/workers/run-in-worker'

const [mode, file, dbPath] = process.argv.slice(2)
const workspace = Workspace.open(dbPath)
const baselineRssBytes = process.memoryUsage().rss
const started = performance.now()
let spans = 0

if (mode === 'import') {
  // As the app does it: in the built worker, on its own connection.
  const worker = { script: new URL('../../out/main/workspace-worker.js', import.meta.url) }
  const result = await runInWorker(worker, { kind: 'import', dbPath, target: { title: 'bench' }, files: [{ path: file, name: file }] })
  spans = result.artifacts[0].kind === 'trace' ? result.artifacts[0].spans : 0
} else {
  // The floor: parse the whole file at once and insert the same rows with one prepared statement.
  type KeyValue = { key: string; value: Record<string, unknown> }
  type RawSpan = Record<string, unknown> & { attributes?: KeyValue[]; status?: { code?: number; message?: string } }
  const request = JSON.parse(readFileSync(file, 'utf8')) as {
    resourceSpans: Array<{ resource: { attributes: KeyValue[] }; scopeSpans: Array<{ spans: RawSpan[] }> }>
  }
  const db = workspace.db
  workspace.transaction(() => {
    const incident = workspace.createIncident('floor')
    const artifact = db
      .prepare("INSERT INTO artifacts (incident_id, kind, format, file_name, imported_at, start_ms, end_ms, summary) VALUES (?, 'trace', 'otlp', ?, 0, 0, 0, '{}')")
      .run(incident.id, file).lastInsertRowid
    const insertResource = db.prepare('INSERT INTO resources (artifact_id, service, attributes) VALUES (?, ?, ?)')
    const insert = db.prepare(`INSERT INTO spans (artifact_id, trace_id, span_id, parent_span_id, service, name, kind, start_ns, end_ns,
      status, status_message, resource_id, scope, attributes, events, links) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    for (const resourceSpans of request.resourceSpans) {
      const service = String(resourceSpans.resource.attributes.find((kv) => kv.key === 'service.name')?.value.stringValue)
      const resourceId = insertResource.run(artifact, service, JSON.stringify(resourceSpans.resource.attributes)).lastInsertRowid
      for (const scopeSpans of resourceSpans.scopeSpans) {
        for (const span of scopeSpans.spans) {
          insert.run(
            artifact,
            span.traceId,
            span.spanId,
            span.parentSpanId || null,
            service,
            span.name,
            String(span.kind),
            BigInt(span.startTimeUnixNano as string),
            BigInt(span.endTimeUnixNano as string),
            ['unset', 'ok', 'error'][span.status?.code ?? 0],
            span.status?.message ?? '',
            resourceId,
            null,
            JSON.stringify(span.attributes ?? []),
            Array.isArray(span.events) && span.events.length ? JSON.stringify(span.events) : null,
            Array.isArray(span.links) && span.links.length ? JSON.stringify(span.links) : null,
          )
          spans++
        }
      }
    }
  })
}

const ms = performance.now() - started
workspace.close()
process.stdout.write(JSON.stringify({ mode, spans, ms, baselineRssBytes, peakRssBytes: process.resourceUsage().maxRSS * 1024 }))
