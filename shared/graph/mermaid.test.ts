import { describe, expect, it } from 'vitest'
import { parseMermaid } from '../diagrams/mermaid'
import { serviceGraphMermaid } from './mermaid'
import type { ServiceGraph } from './service-graph'

const graph: ServiceGraph = {
  nodes: [
    { id: 'api-gateway', spans: 4, errorSpans: 1, uninstrumented: false, shape: 'service' },
    { id: 'checkout "v2"', spans: 3, errorSpans: 0, uninstrumented: false, shape: 'service' },
    { id: 'postgresql', spans: 0, errorSpans: 0, uninstrumented: true, shape: 'database' },
  ],
  edges: [
    { from: 'api-gateway', to: 'checkout "v2"', calls: 4, errors: 1, p50Ms: 20, p95Ms: 80, messaging: false },
    { from: 'checkout "v2"', to: 'postgresql', calls: 1, errors: 0, p50Ms: 2, p95Ms: 2, messaging: false },
  ],
}

describe('serviceGraphMermaid', () => {
  it('writes each service with its figures, each call with its count and error share, the failing calls red', () => {
    const text = serviceGraphMermaid(graph)
    expect(text).toContain('s1["api-gateway<br>4 spans · 1 error"]')
    expect(text).toContain('s3[("postgresql<br>uninstrumented")]')
    expect(text).toContain('s1 -->|"4 calls · 25% err"| s2')
    expect(text).toContain('s2 -->|"1 call"| s3')
    expect(text.trimEnd().split('\n').at(-1)).toBe('  linkStyle 0 stroke:#d92d20,color:#d92d20')
  })

  it('reads back as the same services and calls (a quote in a name stays the name)', () => {
    const read = parseMermaid(serviceGraphMermaid(graph))
    expect(read.nodes.map((n) => n.label.split('\n')[0])).toEqual(['api-gateway', 'checkout "v2"', 'postgresql'])
    expect(read.edges.map((e) => [e.source, e.target])).toEqual([
      ['s1', 's2'],
      ['s2', 's3'],
    ])
  })
})
