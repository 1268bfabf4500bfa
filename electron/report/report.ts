import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import MarkdownIt from 'markdown-it'
import type { TraceSummary } from '../../shared/domain/model'
import type { SpanEvent } from '../../shared/domain/span'
import type { Finding } from '../../shared/findings/model'
import { toMermaid } from '../../shared/diagrams/mermaid'
import type { DiagramContent } from '../../shared/diagrams/model'
import { diagramSvg } from '../../shared/diagrams/svg'
import { fileLabel } from '../../shared/domain/file-name'
import { serviceGraphMermaid } from '../../shared/graph/mermaid'
import { serviceGraphSvg } from '../../shared/graph/svg'
import { replaceDiagramEmbeds } from '../../shared/runbooks/embeds'
import { plainTitle } from '../../shared/runbooks/steps'
import { getDiagram } from '../store/diagrams'
import { listFindings } from '../store/findings'
import { deriveServiceGraph } from '../store/service-graph'
import { listTraces } from '../store/trace-queries'
import type { Workspace } from '../store/workspace'

// The incident report: summary, findings timeline with anchors and cited runbook steps, failing
// spans, and the service diagram. Markdown, or one self-contained HTML file.

export type ReportFormat = 'md' | 'html'

const utc = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', ' UTC')
/**
 * Text from people and files (titles, names, error messages) as itself on one line of markdown:
 * none of its characters starts emphasis, code, a link, raw HTML or a table cell.
 */
const inline = (text: string) => text.replace(/[\\`*_[\]<>|~&]/g, '\\$&').replace(/\s*\n\s*/g, ' ')

/** Spans in error that fail alike: one service, operation and error. */
interface FailureGroup {
  service: string
  name: string
  message: string
  spans: number
  /** The first one's start, on the incident clock (epoch ms), and its trace. */
  firstMs: number
  traceId: string
}

/**
 * The incident's spans in error (a span in two of its files once), grouped by service, operation
 * and error: most spans first, at most `limit` groups, and how many groups in all. Thousands of
 * retries failing alike read as one line with its count, as a postmortem tells them.
 */
function failureGroups(db: Database.Database, incidentId: number, limit = 100): { groups: FailureGroup[]; total: number } {
  const rows = db
    .prepare(
      `SELECT s.service, s.name, s.status_message, s.events, s.trace_id, min(s.start_ns / 1e6 + a.clock_offset_ms) AS start_ms FROM spans s JOIN artifacts a ON a.id = s.artifact_id
       WHERE a.incident_id = ? AND s.status = 'error' GROUP BY s.trace_id, s.span_id ORDER BY start_ms`,
    )
    .raw()
    .iterate(incidentId) as IterableIterator<[string, string, string, string | null, string, number]>
  const groups = new Map<string, FailureGroup>()
  for (const [service, name, status, events, traceId, startMs] of rows) {
    const exception = (events ? (JSON.parse(events) as SpanEvent[]) : []).find((event) => event.name === 'exception')
    const type = exception?.attributes['exception.type']
    const message = (exception ? `${type ? `${type}: ` : ''}${String(exception.attributes['exception.message'] ?? '')}` : '') || status
    const key = JSON.stringify([service, name, message])
    const group = groups.get(key)
    if (group) group.spans++
    else groups.set(key, { service, name, message, spans: 1, firstMs: startMs, traceId })
  }
  const sorted = [...groups.values()].sort((a, b) => b.spans - a.spans || a.firstMs - b.firstMs)
  return { groups: sorted.slice(0, limit), total: sorted.length }
}

/** The runbook steps a finding is evidence for; a cited step since removed from its runbook says so. */
const stepTitles = (finding: Finding): string[] =>
  finding.links.map(({ runbookTitle, step }) => (step ? `${runbookTitle}, step ${step.ordinal}: ${plainTitle(step.title)}` : `${runbookTitle}, a step since removed`))

interface AnchoredSpan {
  service: string
  name: string
  /** Its start on the incident clock, epoch ms. */
  startMs: number
}

function anchoredSpan(db: Database.Database, finding: Finding): AnchoredSpan | undefined {
  const { traceId, spanId } = finding.anchors
  if (!spanId) return undefined
  return db
    .prepare(
      `SELECT s.service, s.name, s.start_ns / 1e6 + a.clock_offset_ms AS startMs FROM spans s JOIN artifacts a ON a.id = s.artifact_id
       WHERE a.incident_id = ? AND s.trace_id = ? AND s.span_id = ? LIMIT 1`,
    )
    .get(finding.incidentId, traceId, spanId) as AnchoredSpan | undefined
}

/** A finding's anchors as a reader knows them: a span by its service and operation, then its ids. */
function anchorText(finding: Finding, span: AnchoredSpan | undefined): string {
  const { timeMs, traceId, spanId, node, edge } = finding.anchors
  return [
    timeMs !== null ? `replay ${utc(timeMs)}` : '',
    spanId ? (span ? `${span.service} ${span.name}, span ${spanId} (trace ${traceId})` : `span ${spanId} (trace ${traceId}, in none of the incident's trace files)`) : '',
    // Named as the app's chips name them.
    node ? `service ${node}` : '',
    edge ? `call ${edge}` : '',
  ]
    .filter(Boolean)
    .join('; ')
}

/** `change` applied to a line's text outside its code spans. */
function outsideCodeSpans(line: string, change: (text: string) => string): string {
  let done = ''
  let rest = line
  for (let tick = /`+/.exec(rest); tick !== null; tick = /`+/.exec(rest)) {
    const close = rest.indexOf(tick[0], tick.index + tick[0].length)
    if (close < 0) break
    const end = close + tick[0].length
    done += change(rest.slice(0, tick.index)) + rest.slice(tick.index, end)
    rest = rest.slice(end)
  }
  return done + change(rest)
}

/**
 * Notes' text as the app shows it, in any markdown viewer: raw HTML as text (a `<` not already
 * escaped is), and a link to a script or data URL no link.
 */
const inert = (text: string) =>
  text
    .replace(/(\\*)</g, (match, slashes: string) => (slashes.length % 2 === 1 ? match : `${slashes}\\<`))
    .replace(/(\]\(\s*|^\s{0,3}\[[^\]]+\]:\s*)(javascript|vbscript|data):/gi, '$1#blocked-$2:')

/**
 * A finding's notes as a part of the report: their headings below the report's own, a code fence
 * left open (a pasted log) closed, so nothing after them is swallowed, and no HTML or script link
 * of their own outside code.
 */
export function containedNotes(notes: string): string {
  let fence: string | null = null
  const lines = notes.split('\n').map((line) => {
    const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (opener && (fence === null || (opener[0] === fence[0] && opener.length >= fence.length))) {
      fence = fence === null ? opener : null
      return line
    }
    if (fence !== null) return line
    const belowReport = line.replace(/^(\s{0,3})(#{1,6})(?=\s|$)/, (_match, indent: string, hashes: string) => `${indent}${'#'.repeat(Math.min(6, hashes.length + 3))}`)
    return outsideCodeSpans(belowReport, inert)
  })
  if (fence !== null) lines.push(fence)
  return lines.join('\n')
}

const svgDataUrl = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`

/** A Mermaid block: the diagram still shows where Markdown drops images in data URLs (GitHub, GitLab). */
const mermaidBlock = (text: string) => `\`\`\`mermaid\n${text}\`\`\``

/**
 * The authored diagrams a text embeds, as images the report carries (one no longer there as its
 * caption), and their Mermaid text, to follow the text (a block cannot sit where an embed may: in a line).
 */
function inlineDiagrams(db: Database.Database, markdown: string, diagrams: boolean): { text: string; mermaid: string[] } {
  const mermaid: string[] = []
  const text = replaceDiagramEmbeds(markdown, (id, caption) => {
    if (!diagrams) return `*(diagram “${caption}” not included)*`
    let content: DiagramContent
    try {
      content = getDiagram(db, id).content
    } catch {
      return `*(diagram “${caption}” is no longer in the workspace)*`
    }
    mermaid.push(toMermaid(content, { restorable: false }))
    return `![${caption}](${svgDataUrl(diagramSvg(content))})`
  })
  return { text, mermaid }
}

function reportMarkdown(workspace: Workspace, incidentId: number, format: ReportFormat, { now, diagrams }: Required<ReportOptions>, diagramMark: string): string {
  const { incident, artifacts } = workspace.incidentView(incidentId)
  const findings = listFindings(workspace.db, incidentId)
  const traces = artifacts.flatMap((artifact) => (artifact.summary.kind === 'trace' ? [artifact.summary as TraceSummary] : []))
  const sessions = artifacts.filter((artifact) => artifact.summary.kind === 'session')
  const services = [...new Set(traces.flatMap((trace) => trace.services))].sort()
  // On the incident clock, as the findings' times are.
  const start = Math.min(...artifacts.map((artifact) => artifact.startMs + artifact.clockOffsetMs))
  const end = Math.max(...artifacts.map((artifact) => artifact.endMs + artifact.clockOffsetMs))
  // A span exported to two of the files is counted once.
  const listed = listTraces(workspace.db, incidentId)
  const lines = [`# Incident report: ${inline(incident.title)}`, '', `Generated ${utc(now)}.${artifacts.length ? ` Covers ${utc(start)} to ${utc(end)}.` : ''}`, '', '## Summary', '']
  // Each file by name, with the stretch it covers: which recording a finding's moment falls in.
  const filesOf = (kind: 'session' | 'trace') =>
    artifacts.filter((artifact) => artifact.summary.kind === kind).map((artifact) => `  - ${inline(fileLabel(artifact.summary.file))}: ${utc(artifact.startMs + artifact.clockOffsetMs)} to ${utc(artifact.endMs + artifact.clockOffsetMs)}`)
  lines.push(`- Session recordings: ${sessions.length}`, ...filesOf('session'))
  lines.push(`- Trace files: ${traces.length} (${listed.reduce((n, t) => n + t.spans, 0)} spans, ${listed.reduce((n, t) => n + t.errors, 0)} in error)`, ...filesOf('trace'))
  lines.push(`- Services: ${inline(services.join(', ')) || 'none'}`)
  const bySeverity = ['critical', 'high', 'medium', 'low', 'info'].map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const).filter(([, n]) => n > 0)
  lines.push(`- Findings: ${findings.length}${bySeverity.length ? ` (${bySeverity.map(([s, n]) => `${n} ${s}`).join(', ')})` : ''}`, '')

  lines.push('## Findings timeline', '')
  if (findings.length === 0) lines.push('No findings recorded.', '')
  else {
    lines.push('| Time | Severity | Finding | Anchors | Runbook steps |', '| --- | --- | --- | --- | --- |')
    // A finding without a replay moment is placed at its span's start, when it has one.
    const timeline = findings
      .map((finding, order) => {
        const span = anchoredSpan(workspace.db, finding)
        return { finding, span, order, timeMs: finding.anchors.timeMs ?? span?.startMs ?? null }
      })
      .sort((a, b) => (a.timeMs ?? Infinity) - (b.timeMs ?? Infinity) || a.order - b.order)
    for (const { finding, span, timeMs } of timeline) {
      const time = timeMs !== null ? utc(timeMs) : ''
      lines.push(`| ${time} | ${finding.severity} | ${inline(finding.title)} | ${inline(anchorText(finding, span))} | ${inline(stepTitles(finding).join('; '))} |`)
    }
    lines.push('')
    // What the table has no column for: the author, the tags and the notes.
    for (const finding of findings.filter((f) => f.notes.trim() || f.author || f.tags.length > 0)) {
      lines.push(`### ${inline(finding.title)}`, '', inline(`${finding.severity}${finding.author ? ` · ${finding.author}` : ''}${finding.tags.length ? ` · ${finding.tags.join(', ')}` : ''}`), '')
      if (!finding.notes.trim()) continue
      const notes = inlineDiagrams(workspace.db, containedNotes(finding.notes.trim()), diagrams)
      lines.push(notes.text, '')
      if (format === 'md') for (const text of notes.mermaid) lines.push(mermaidBlock(text), '')
    }
  }

  lines.push('## Failing spans', '')
  const failing = failureGroups(workspace.db, incidentId)
  if (failing.total === 0) lines.push('No spans in error.', '')
  else {
    lines.push('| Service | Operation | Error | Spans | First | First trace |', '| --- | --- | --- | --- | --- | --- |')
    for (const group of failing.groups) {
      lines.push(`| ${inline(group.service)} | ${inline(group.name)} | ${inline(group.message)} | ${group.spans.toLocaleString('en')} | ${utc(group.firstMs)} | \`${group.traceId}\` |`)
    }
    lines.push('')
    if (failing.total > failing.groups.length) lines.push(`The ${failing.groups.length} failures with the most spans, of ${failing.total.toLocaleString('en')} kinds.`, '')
  }
  lines.push('## Service diagram', '', diagramMark, '')
  return lines.join('\n')
}

const STYLE = `body{font:14px/1.5 system-ui,sans-serif;color:#101828;max-width:1100px;margin:32px auto;padding:0 24px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #eaecf0;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f9fafb}h1{font-size:24px}h2{margin-top:32px;border-bottom:1px solid #eaecf0;padding-bottom:4px}
code{background:#f2f4f7;padding:1px 4px;border-radius:4px}figure{margin:0;overflow:auto;border:1px solid #eaecf0;border-radius:8px}
figure svg,img{display:block;max-width:100%;height:auto}td{overflow-wrap:anywhere}td code{word-break:break-all}.t{white-space:nowrap}
@media (prefers-color-scheme:dark){body{background:#141519;color:#e4e5e9}a{color:#9aa4ff}th,td{border-color:#2e3038}th{background:#1c1d22}
h2{border-bottom-color:#2e3038}code{background:#23252c}figure{border-color:#2e3038;background:#fff}}`

/** The report; HTML is one file with its styles and the diagram inline, user markdown escaped. */
export interface ReportOptions {
  /** When it says it was generated. */
  now?: number
  /** false: authored diagrams embedded in notes show as their caption (a pairing guest's report). */
  diagrams?: boolean
}

export function buildReport(workspace: Workspace, incidentId: number, format: ReportFormat, { now = Date.now(), diagrams = true }: ReportOptions = {}): string {
  // Where the service diagram goes: a mark no finding's notes can hold.
  const mark = `CASEFILE_DIAGRAM_${randomUUID().replaceAll('-', '')}`
  const markdown = reportMarkdown(workspace, incidentId, format, { now, diagrams }, mark)
  const graph = deriveServiceGraph(workspace.db, incidentId)
  if (graph.nodes.length === 0) {
    // Without traces there is nothing to draw: said, not shown as an empty frame.
    const said = markdown.replace(mark, 'No traces in this incident, so no services to draw.')
    return format === 'md' ? said : htmlReport(workspace, incidentId, said)
  }
  const svg = serviceGraphSvg(graph)
  if (format === 'md') return markdown.replace(mark, () => `![Service diagram](${svgDataUrl(svg)})\n\n${mermaidBlock(serviceGraphMermaid(graph))}`)
  return htmlReport(workspace, incidentId, markdown).replace(`<p>${mark}</p>`, () => `<figure>${svg}</figure>`)
}

/** The report's markdown as one self-contained HTML page. */
function htmlReport(workspace: Workspace, incidentId: number, markdown: string): string {
  // html: false escapes any HTML written in findings' notes. Images may be SVG data URLs (the
  // embedded diagrams): an SVG shown as an image runs nothing, and the page allows no other.
  // Bare URLs become links, as they do in the app's findings.
  const md = new MarkdownIt({ html: false, linkify: true })
  const validate = md.validateLink.bind(md)
  md.validateLink = (url) => url.startsWith('data:image/svg+xml;base64,') || validate(url)
  // A time wraps between its date and its time of day, never inside a number (table cells wrap anywhere to fit A4).
  const body = md.render(markdown).replace(/(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)? UTC)/g, '<span class="t">$1</span> <span class="t">$2</span>')
  const title = workspace.getIncident(incidentId).title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Incident report: ${title}</title><style>${STYLE}</style></head>
<body>${body}</body></html>
`
}
