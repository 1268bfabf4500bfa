/** Names in the order a reader expects: "service-2" before "service-10", case aside. */
export const byName: (a: string, b: string) => number = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare
