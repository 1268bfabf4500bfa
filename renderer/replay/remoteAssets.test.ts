import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BLOCKING_POLICY } from './remoteAssets'

/** A policy's directives: name → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  )
}

const pagePolicy = () => {
  const html = readFileSync(join(import.meta.dirname, '..', 'index.html'), 'utf8')
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]
  if (!content) throw new Error('index.html has no Content-Security-Policy meta')
  return directives(content)
}

const remote = (source: string) => !source.startsWith("'") && !['data:', 'blob:'].includes(source)

describe('the remote assets policies', () => {
  it('lets only images, fonts and stylesheets come from other hosts, never scripts, connections, frames or forms', () => {
    const policy = pagePolicy()
    const withRemote = [...policy].filter(([, sources]) => sources.some(remote)).map(([name]) => name)
    expect(withRemote.sort()).toEqual(['font-src', 'img-src', 'style-src'])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('connect-src')).toEqual(["'self'"])
  })

  it('takes back every remote source the page policy allows', () => {
    const blocking = directives(BLOCKING_POLICY)
    for (const [name, sources] of pagePolicy()) {
      if (!sources.some(remote)) continue
      expect(blocking.get(name), name).toBeDefined()
      expect(blocking.get(name)!.filter(remote), name).toEqual([])
    }
  })
})
