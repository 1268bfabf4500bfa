import { describe, expect, it } from 'vitest'
import { Lru } from './lru'

describe('Lru', () => {
  it('evicts the least recently used entries beyond its weight', () => {
    const cache = new Lru<number, string>(10, (value) => value.length)
    cache.set(1, 'aaaa')
    cache.set(2, 'bbbb')
    expect(cache.get(1)).toBe('aaaa') // 1 is now the most recent
    cache.set(3, 'cccc')
    expect(cache.keys()).toEqual([1, 3])
    expect(cache.weight).toBe(8)
  })
  it('keeps the newest entry even when it alone is too heavy', () => {
    const cache = new Lru<string, number[]>(3, (value) => value.length)
    cache.set('a', [1])
    cache.set('b', [1, 2, 3, 4, 5])
    expect(cache.keys()).toEqual(['b'])
    expect(cache.get('b')).toHaveLength(5)
  })
  it('replaces an entry under the same key', () => {
    const cache = new Lru<string, string>(100, (value) => value.length)
    cache.set('a', 'xx')
    cache.set('a', 'xxxxx')
    expect(cache.size).toBe(1)
    expect(cache.weight).toBe(5)
    expect(cache.delete('a')).toBe(true)
    expect(cache.weight).toBe(0)
    expect(cache.has('a')).toBe(false)
  })
})
