/**
 * A least-recently-used cache bounded by total weight (e.g. events held), not entry count. The
 * newest entry is always kept, even when it alone is heavier than the bound.
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>()
  private total = 0

  constructor(
    private readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  get size(): number {
    return this.entries.size
  }

  get weight(): number {
    return this.total
  }

  has(key: K): boolean {
    return this.entries.has(key)
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  set(key: K, value: V): void {
    this.delete(key)
    const weight = Math.max(0, this.weigh(value))
    this.entries.set(key, { value, weight })
    this.total += weight
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.capacity || oldest === key) break
      this.entries.delete(oldest)
      this.total -= entry.weight
    }
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key)
    if (!entry) return false
    this.entries.delete(key)
    this.total -= entry.weight
    return true
  }

  keys(): K[] {
    return [...this.entries.keys()]
  }
}
