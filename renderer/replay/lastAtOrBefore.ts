/** Index of the last item at or before `t` among items in time order (`timeOf` reads an item's time), -1 when there is none. */
export function lastAtOrBefore<T>(items: readonly T[], t: number, timeOf: (item: T) => number): number {
  let low = 0
  let high = items.length - 1
  let found = -1
  while (low <= high) {
    const mid = (low + high) >> 1
    if (timeOf(items[mid]) <= t) {
      found = mid
      low = mid + 1
    } else {
      high = mid - 1
    }
  }
  return found
}
