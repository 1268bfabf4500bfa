import { describe, expect, it } from 'vitest'
import { diagramEmbed, embeddedDiagramIds, linkReferences, renderMarkdown } from './renderMarkdown'
import { previewSegments } from './segments'

const saved = [
  { id: 'step-a', ordinal: 1, title: 'Open the failing trace.', text: '1. Open the failing trace.' },
  { id: 'step-b', ordinal: 2, title: 'Fail over to the secondary acquirer.', text: '2. Fail over to the secondary acquirer.' },
]

describe('the runbook preview', () => {
  it('shows each step with the id a save would keep, new steps without one, and the text between them', () => {
    const draft = '# Checkout 502\n\nIntro.\n\n1. Open the failing trace.\n2. Check the dashboard.\n3. Fail over to the secondary acquirer, then tell #payments.\n\nAfterwards, write it up.\n'
    const segments = previewSegments(draft, saved)
    expect(segments.map((segment) => (segment.kind === 'step' ? [segment.ordinal, segment.stepId] : segment.markdown.trim()))).toEqual([
      '# Checkout 502\n\nIntro.',
      [1, 'step-a'],
      [2, null],
      [3, 'step-b'],
      'Afterwards, write it up.',
    ])
    expect(segments[3].markdown.trim()).toBe('3. Fail over to the secondary acquirer, then tell #payments.')
  })

  it('numbers a step as findings name it, also in a second list the text starts again at 1', () => {
    const segments = previewSegments('# T\n\n1. Look.\n2. Page.\n\nThen:\n\n1. Roll back.\n2. Tell.\n', [])
    const steps = segments.filter((segment) => segment.kind === 'step')
    expect(steps.map((step) => step.markdown.trim())).toEqual(['1. Look.', '2. Page.', '3. Roll back.', '4. Tell.'])
    expect(renderMarkdown(steps[2].markdown, new Map())).toContain('<ol start="3">')
  })

  it('cuts ## sections the same way', () => {
    const segments = previewSegments('# T\n\n## Triage\nLook.\n\n## Mitigate\nRoll back.\n', [])
    expect(segments.filter((segment) => segment.kind === 'step').map((segment) => segment.markdown.trim())).toEqual(['## Triage\nLook.', '## Mitigate\nRoll back.'])
  })

  it('renders embedded diagrams as clickable figures, with a placeholder until they load and when they are gone', () => {
    const markdown = `Before.\n\n${diagramEmbed(7, 'Checkout [flow]')}\n\n![gone](casefile:diagram/8)\n`
    expect(embeddedDiagramIds(`${markdown}\n${diagramEmbed(7, 'again')}`)).toEqual([7, 8])
    const loading = renderMarkdown(markdown, new Map())
    expect(loading).toContain('data-diagram-id="7" data-state="loading">Checkout flow<')
    const html = renderMarkdown(markdown, new Map([[7, { title: 'Checkout', src: 'data:image/svg+xml,%3Csvg%3E' }], [8, null]]))
    expect(html).toContain('<img src="data:image/svg+xml,%3Csvg%3E" alt="Checkout flow">')
    expect(html).toContain('role="button"')
    expect(html).toContain('Diagram 8 does not exist')
    // A pairing guest: the host's drawn diagrams are not shared, which is not the same as gone.
    expect(renderMarkdown(markdown, new Map([[7, 'unshared' as const], [8, 'unshared' as const]]))).toContain('data-state="unshared">Checkout flow: a drawn diagram, not shared with guests<')
  })

  it('renders a part of a document with links to definitions written elsewhere in it', () => {
    const runbook = '# Checkout\n\n## Triage\n\nOpen the [dashboard][dash].\n\n## Mitigate\n\nRoll back.\n\n[dash]: https://grafana.internal/d/checkout\n'
    const [, triage] = previewSegments(runbook, [])
    expect(renderMarkdown(triage.markdown, new Map())).toContain('[dashboard][dash]')
    expect(renderMarkdown(triage.markdown, new Map(), linkReferences(runbook))).toContain('<a href="https://grafana.internal/d/checkout">dashboard</a>')
  })

  it('shows raw HTML as text, refuses script URLs, and leaves other images to the sanitizer', () => {
    const html = renderMarkdown('<img src=x onerror="alert(1)"> [run](javascript:alert(1)) ![x](https://example.com/x.png)', new Map())
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;')
    expect(html).not.toContain('href="javascript:')
    expect(html).toContain('<img src="https://example.com/x.png"')
  })
})
