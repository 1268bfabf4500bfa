import { describe, expect, it } from 'vitest'
import { JsonSplitter, JsonSyntaxError, type JsonPath, splitJson } from './json-stream'

const collect = (text: string, descend: (path: JsonPath) => boolean, chunkSize = Infinity) => {
  const seen: Array<[string, unknown]> = []
  const closed: string[] = []
  const splitter = new JsonSplitter({
    descend: (path) => descend(path),
    value: (path, value) => seen.push([path.join('/'), value]),
    close: (path) => closed.push(path.join('/')),
  })
  for (let i = 0; i < text.length; i += chunkSize) splitter.push(text.slice(i, i + chunkSize))
  splitter.end()
  return { seen, closed }
}

const sample = JSON.stringify({
  resourceSpans: [
    { resource: { a: 'x"}]' }, scopeSpans: [{ spans: [{ id: 1, s: 'q\\"}' }, { id: 2, nested: [[{}], { k: '\\\\' }] }] }] },
  ],
  tail: 'end',
  n: -12.5e3,
  t: true,
})

describe('JsonSplitter', () => {
  it('takes whole the values it is not asked to descend into, at any chunk size', () => {
    const descend = (path: JsonPath) => path.length === 1 || (path.length === 2 && path[1] === 'resourceSpans')
    const whole = collect(sample, descend)
    expect(whole.seen.map(([path]) => path)).toEqual(['0/resourceSpans/0', '0/tail', '0/n', '0/t'])
    for (const size of [1, 2, 3, 7, 64]) expect(collect(sample, descend, size)).toEqual(whole)
  })

  it('splits nested arrays element by element and reports closes', () => {
    const descend = (path: JsonPath) => path.length <= 6 && path[path.length - 1] !== 'resource'
    const { seen, closed } = collect(sample, descend, 5)
    expect(seen).toContainEqual(['0/resourceSpans/0/scopeSpans/0/spans/0', { id: 1, s: 'q\\"}' }])
    expect(seen).toContainEqual(['0/resourceSpans/0/scopeSpans/0/spans/1', { id: 2, nested: [[{}], { k: '\\\\' }] }])
    expect(closed).toContain('0/resourceSpans/0/scopeSpans/0/spans')
  })

  it('reads several documents in a row (JSON Lines)', () => {
    const lines = '{"a":1}\n{"a":2}\r\n\n{"a":3}\n'
    const { seen } = collect(lines, () => false, 4)
    expect(seen).toEqual([['0', { a: 1 }], ['1', { a: 2 }], ['2', { a: 3 }]])
  })

  it('keeps escaped quotes and backslashes split across chunk edges', () => {
    const text = JSON.stringify([{ k: 'a\\' }, 'b\\"c', { k: '\\"' }])
    for (let size = 1; size < text.length; size++) {
      expect(collect(text, (path) => path.length === 1, size).seen.map(([, v]) => v)).toEqual([{ k: 'a\\' }, 'b\\"c', { k: '\\"' }])
    }
  })

  it.each([
    ['truncated object', '{"a":[1,2', /truncated/],
    ['truncated inside a taken value', '[{"a":"xx', /truncated/],
    ['trailing comma', '[1,]', /unexpected character "\]" at byte 3/],
    ['missing colon', '{"a" 1}', /unexpected character "1"/],
    ['garbage inside a taken value', '[{"a":nope}]', /invalid JSON/],
  ])('rejects %s with the offset', (_name, text, message) => {
    expect(() => splitJson(text, { descend: (path) => path.length < 2, value: () => {} })).toThrow(message)
    expect(() => splitJson(text, { descend: (path) => path.length < 2, value: () => {} })).toThrow(JsonSyntaxError)
  })
})
