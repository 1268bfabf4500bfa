import MarkdownIt from 'markdown-it'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { node } from '../../shared/diagrams/model'
import { diagramEmbed } from '../../shared/runbooks/embeds'
import { saveDiagram } from '../store/diagrams'
import { importFiles } from '../import/import-files'
import { removeArtifact } from '../store/artifacts'
import { setClockOffset } from '../store/clock'
import { createFinding } from '../store/findings'
import { saveRunbook } from '../store/runbooks'
import { Workspace } from '../store/workspace'
import { demoWithEvidence } from '../test-support/demo'
import { tempDir } from '../test-support/temp'
import { writeLargeOtlp } from '../../e2e/fixtures/generate/large-otlp'
import { buildReport } from './report'

const data = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data')

function demoWithFinding() {
  const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
  const { incident } = demoWithEvidence(workspace, 'Seen in **payment-service**. <script>alert("x")</script> <img src=x onerror=alert(1)>')
  return { workspace, incident }
}

describe('incident report', () => {
  it('in markdown: summary, findings with anchors and runbook steps, failing spans with their error, the diagram', () => {
    const { workspace, incident } = demoWithFinding()
    const report = buildReport(workspace, incident.id, 'md', { now: Date.UTC(2026, 10, 25) })
    expect(report).toMatch(/^# Incident report: Demo: checkout fails with 502/)
    expect(report).toContain('- Findings: 1 (1 high)')
    // Each file by name and the stretch it covers, so a finding's moment tells its recording.
    expect(report).toMatch(/^- Session recordings: 1\n {2}- checkout-session\.rrweb\.json: 2026-11-25 \S+ UTC to 2026-11-25 \S+ UTC$/m)
    expect(report).toMatch(/\| high \| Acquirer timeout behind the 502 \| replay .* UTC; service payment-service \| Checkout returns 502, step 3: If the acquirer times out/)
    expect(report).toMatch(/\| payment-service \| ChargeService\.authorize \| AcquirerTimeoutError/)
    // A span anchor names the span as a reader knows it, then its ids.
    const [failing] = workspace.db.prepare("SELECT trace_id, span_id FROM spans WHERE name = 'ChargeService.authorize'").all() as Array<{ trace_id: string; span_id: string }>
    createFinding(workspace.db, incident.id, {
      title: 'Charge timed out',
      notes: '',
      severity: 'high',
      tags: [],
      author: 'ana',
      anchors: { timeMs: null, traceId: failing.trace_id, spanId: failing.span_id, node: null, edge: null },
    })
    // Without a replay moment, it is placed at its span's start.
    const spanStart = workspace.db
      .prepare('SELECT s.start_ns / 1e6 + a.clock_offset_ms FROM spans s JOIN artifacts a ON a.id = s.artifact_id WHERE s.span_id = ?')
      .pluck()
      .get(failing.span_id) as number
    const spanTime = new Date(spanStart).toISOString().replace('T', ' ').replace('Z', ' UTC')
    const withSpan = buildReport(workspace, incident.id, 'md')
    // Without notes, its author (and tags) still have their place.
    expect(withSpan).toContain('### Charge timed out\n\nhigh · ana\n\n## Failing spans')
    expect(withSpan).toContain(`| ${spanTime} | high | Charge timed out | payment-service ChargeService.authorize, span ${failing.span_id} (trace ${failing.trace_id}) |`)
    const rows = withSpan.split('\n').filter((line) => /^\| \d{4}-/.test(line))
    expect(rows.map((line) => line.split(' | ')[0])).toEqual([...rows.map((line) => line.split(' | ')[0])].sort())
    // Its trace file taken out of the incident: its ids, and that none of the incident's files holds it now.
    removeArtifact(workspace.db, workspace.incidentView(incident.id).artifacts.find((artifact) => artifact.summary.kind === 'trace')!.id)
    expect(buildReport(workspace, incident.id, 'md')).toContain(`| high | Charge timed out | span ${failing.span_id} (trace ${failing.trace_id}, in none of the incident's trace files) |`)
    const svg = Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(report)![1], 'base64').toString()
    expect(svg).toContain('>checkout-service</text>')
    expect(svg).toContain('>pg-primary.shop.svc</text>')
    // And as Mermaid, for where images in data URLs are dropped: the failing call drawn red.
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(report)![1]
    expect(mermaid).toMatch(/^flowchart LR\n/)
    expect(mermaid).toMatch(/\["checkout-service<br>\d+ spans/)
    expect(mermaid).toMatch(/\[\("pg-primary\.shop\.svc<br>uninstrumented"\)\]/)
    expect(mermaid).toMatch(/linkStyle [\d,]+ stroke:#d92d20/)
  })

  it('names the runbook steps a finding is evidence for as plain text, and a cited step since removed as such', () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const { incident, runbook } = demoWithEvidence(workspace)
    const reported = () => buildReport(workspace, incident.id, 'md').split('\n').find((line) => line.includes('| Acquirer timeout behind the 502 |'))
    expect(reported()).toMatch(/\| Checkout returns 502, step 3: If the acquirer times out/)

    saveRunbook(workspace.db, { id: runbook.id, markdown: runbook.markdown.replace(/^3\. .*$/m, '3. If the acquirer times out, fail over to the **secondary** acquirer.') })
    expect(reported()).toMatch(/step 3: If the acquirer times out, fail over to the secondary acquirer\. \|$/)

    saveRunbook(workspace.db, { id: runbook.id, markdown: runbook.markdown.replace(/^3\. .*\n/m, '') })
    expect(reported()).toMatch(/\| Checkout returns 502, a step since removed \|$/)
  })

  it('counts a failing span once when two of the incident\'s files hold it (one trace exported twice)', () => {
    const { workspace, incident } = demoWithFinding()
    const failingRows = () => {
      const report = buildReport(workspace, incident.id, 'md')
      return report.slice(report.indexOf('## Failing spans'), report.indexOf('## Service diagram')).split('\n').filter((line) => /^\| [^-]/.test(line)).slice(1)
    }
    const spansIn = (rows: string[]) => rows.reduce((sum, row) => sum + Number(row.split(' | ')[3]), 0)
    const traceFiles = () => /^- Trace files: .*$/m.exec(buildReport(workspace, incident.id, 'md'))![0]
    const once = failingRows()
    expect(spansIn(once)).toBe(6)
    expect(traceFiles()).toBe('- Trace files: 1 (22 spans, 6 in error)')
    importFiles(workspace, { incidentId: incident.id }, [{ path: join(data, 'checkout.jaeger.json'), name: 'checkout.jaeger.json' }])
    expect(failingRows()).toEqual(once)
    expect(traceFiles()).toBe('- Trace files: 2 (22 spans, 6 in error)')
  })

  it('groups spans failing alike (service, operation, error) into one line with their count and the first one\'s time', async () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const file = join(tempDir(), 'retries.otlp.json')
    await writeLargeOtlp(file, 3000, { traces: 300, services: 4 })
    const { incident } = importFiles(workspace, { title: 'Retries' }, [{ path: file, name: 'retries.otlp.json' }])
    const report = buildReport(workspace, incident.id, 'md')
    const rows = report.slice(report.indexOf('## Failing spans'), report.indexOf('## Service diagram')).split('\n').filter((line) => /^\| [^-]/.test(line)).slice(1)
    const inError = workspace.db.prepare("SELECT count(*) FROM spans WHERE status = 'error'").pluck().get() as number
    const counts = rows.map((row) => Number(row.split(' | ')[3].replace(/,/g, '')))
    expect(rows.length).toBeLessThan(inError)
    expect(counts[0]).toBeGreaterThan(1)
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(inError)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    expect(rows[0]).toMatch(/ \| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC \| `[0-9a-f]{32}` \|$/)
  })

  it("says the stretch it covers on the incident clock, the files' clock offsets applied", () => {
    const { workspace, incident } = demoWithFinding()
    const covers = () => /Covers (.*) to (.*)\./.exec(buildReport(workspace, incident.id, 'md'))!.slice(1).map((time) => Date.parse(time.replace(' UTC', 'Z').replace(' ', 'T')))
    const [start, end] = covers()
    for (const { id } of workspace.incidentView(incident.id).artifacts) setClockOffset(workspace.db, id, 60_000)
    expect(covers()).toEqual([start + 60_000, end + 60_000])
  })

  it('in HTML: one self-contained file with the diagram inline and notes as markdown, their HTML shown as text', () => {
    const { workspace, incident } = demoWithFinding()
    const html = buildReport(workspace, incident.id, 'html')
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('<figure><svg')
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain('&lt;script&gt;')
    expect(html).not.toMatch(/<img src=x/i)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('<strong>payment-service</strong>')
    // Nothing to fetch: no external references.
    expect(html).not.toMatch(/(src|href)="https?:/)
  })

  it('without traces says there are no services to draw, in place of an empty diagram; bare URLs in notes are links', () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const { incident } = importFiles(workspace, { title: 'Replay only' }, [{ path: join(data, 'checkout-session.rrweb.json'), name: 'checkout-session.rrweb.json' }])
    const anchors = { timeMs: null, traceId: null, spanId: null, node: null, edge: null }
    createFinding(workspace.db, incident.id, { title: 'Status page', notes: 'See https://status.example.com/incidents/42 for the timeline.', severity: 'low', tags: [], author: '', anchors })
    for (const format of ['md', 'html'] as const) expect(buildReport(workspace, incident.id, format)).toContain('No traces in this incident, so no services to draw.')
    const html = buildReport(workspace, incident.id, 'html')
    expect(html).not.toContain('<figure>')
    expect(html).toContain('<a href="https://status.example.com/incidents/42">https://status.example.com/incidents/42</a>')
  })

  it('draws the authored diagrams a finding\'s notes embed, and names one no longer there', () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const map = saveDiagram(workspace.db, { title: 'Pay path', content: { nodes: [node({ id: 'gateway', label: 'Payment gateway', x: 0, y: 0 })], edges: [] } })
    const { incident } = demoWithEvidence(workspace, `Where it runs: ${diagramEmbed(map.id, 'Pay path')} and ${diagramEmbed(99, 'Old map')}`)
    for (const format of ['md', 'html'] as const) {
      const report = buildReport(workspace, incident.id, format)
      expect(report).not.toContain('casefile:diagram')
      expect(report).toContain('diagram “Old map” is no longer in the workspace')
      const images = [...report.matchAll(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/g)].map((match) => Buffer.from(match[1], 'base64').toString())
      expect(images.some((svg) => svg.includes('>Payment gateway</text>'))).toBe(true)
    }
    const html = buildReport(workspace, incident.id, 'html')
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]+" alt="Pay path">/)
    expect(html).not.toContain('mermaid')
    // In markdown the embedded diagram's Mermaid follows the notes, the embed's line left whole.
    const md = buildReport(workspace, incident.id, 'md')
    expect(md).toMatch(/Where it runs: !\[Pay path\]\(data:[^)]+\) and \*\(diagram “Old map” is no longer in the workspace\)\*\n\n```mermaid\nflowchart LR\n  gateway\["Payment gateway"\]\n```/)
  })

  it('in markdown, titles read as written: no HTML, emphasis, links or table cells of their own', () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const { incident } = demoWithEvidence(workspace)
    const hostile = '<img src=x onerror=alert(1)> *urgent* [pay](javascript:alert(1)) a|b `x`'
    workspace.renameIncident(incident.id, hostile)
    const anchors = { timeMs: 1_795_588_381_000, traceId: null, spanId: null, node: null, edge: null }
    createFinding(workspace.db, incident.id, { title: hostile, notes: 'seen', severity: 'low', tags: [], author: '', anchors })
    // What a markdown viewer that allows HTML makes of the report.
    const html = new MarkdownIt({ html: true }).render(buildReport(workspace, incident.id, 'md'))
    expect(html).not.toMatch(/<img src="?x/)
    expect(html).not.toMatch(/<a href/)
    expect(html).not.toMatch(/<em>urgent/)
    const asWritten = '&lt;img src=x onerror=alert(1)&gt; *urgent* [pay](javascript:alert(1)) a|b `x`'
    // The report's title, the finding's row and its notes' heading.
    expect(html.split(asWritten)).toHaveLength(4)
    for (const row of html.match(/<tr>\s*<td>.*?<\/tr>/gs)!.slice(0, 2)) expect(row.match(/<td>/g)).toHaveLength(5)
  })

  it("in markdown, a finding's notes show their HTML as text and link to no script, as the app shows them, code left as written", () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const notes = [
      'Seen in **payments**: <img src=x onerror=alert(1)> and <script>alert(2)</script>, already escaped \\<b>.',
      '[evil](javascript:alert(1)) [fine](https://status.example/checkout) [ref]',
      '',
      '[ref]: javascript:alert(3)',
      '',
      'The log line `<div class="error">` repeated.',
      '```html',
      '<div onclick="x()">kept in the fence</div>',
      '```',
    ].join('\n')
    const { incident } = demoWithEvidence(workspace, notes)
    const md = buildReport(workspace, incident.id, 'md')
    // What a markdown viewer that allows HTML makes of the report.
    const html = new MarkdownIt({ html: true }).render(md)
    expect(html).not.toMatch(/<img src="?x/)
    expect(html).not.toMatch(/<script/)
    expect(html).not.toMatch(/href="javascript:/i)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('already escaped &lt;b&gt;.')
    expect(html).toContain('<strong>payments</strong>')
    expect(html).toContain('<a href="https://status.example/checkout">fine</a>')
    expect(html).toContain('<code>&lt;div class=&quot;error&quot;&gt;</code>')
    expect(html).toContain('&lt;div onclick=&quot;x()&quot;&gt;kept in the fence&lt;/div&gt;')
    // The HTML report reads the same.
    expect(buildReport(workspace, incident.id, 'html')).toContain('<code>&lt;div class=&quot;error&quot;&gt;</code>')
  })

  it("keeps a finding's notes to their place: an open code fence is closed, headings sit below the report's, the diagram stays in its section", () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const { incident } = demoWithEvidence(workspace, '# Timeline\n\nLog excerpt:\n```\nERROR upstream 502\nCASEFILE_DIAGRAM\n<!-- casefile:diagram -->')
    for (const format of ['md', 'html'] as const) {
      const report = buildReport(workspace, incident.id, format)
      const html = format === 'html' ? report : new MarkdownIt().render(report)
      // The sections after the notes are sections, not code.
      expect(html).toMatch(/<h2[^>]*>Failing spans<\/h2>/)
      expect(format === 'md' ? report : html).toMatch(format === 'md' ? /## Service diagram\n\n!\[Service diagram\]\(data:image\/svg\+xml/ : /<h2>Service diagram<\/h2>\n<figure><svg/)
      expect(html).toContain('<h4>Timeline</h4>')
      expect(html.match(/<h1>/g)).toHaveLength(1)
    }
  })
})
