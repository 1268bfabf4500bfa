import { describe, expect, it } from 'vitest'
import { importNotice } from './importNotice'

const incident = { id: 1, title: 'Checkout 502' }

type Merged = NonNullable<Parameters<typeof importNotice>[0]['merged']>
const NOTHING: Merged = { artifacts: 0, findings: 0, updatedFindings: 0, runbooks: 0, runbooksEditedInBoth: [], clockOffsets: 0, removed: { artifacts: 0, findings: 0, citations: 0 } }
/** A newer bundle of the incident here that merged `counts`. */
const newer = (counts: Partial<Merged>) => ({ incident, artifacts: [], alreadyPresent: true as const, merged: { ...NOTHING, ...counts } })

describe('importNotice', () => {
  it('says what a newer bundle of an incident already here brought, or that it brought nothing', () => {
    expect(importNotice(newer({ artifacts: 1, findings: 2, updatedFindings: 1 }))).toBe(
      '“Checkout 502” was in this workspace already: the bundle brought 2 new findings, 1 finding edited since and 1 file.',
    )
    expect(importNotice(newer({ findings: 1 }))).toBe(
      '“Checkout 502” was in this workspace already: the bundle brought 1 new finding.',
    )
    expect(importNotice(newer({}))).toBe(
      '“Checkout 502” is in this workspace already, and the bundle holds nothing newer.',
    )
    expect(importNotice(newer({ clockOffsets: 1 }))).toBe(
      '“Checkout 502” was in this workspace already: the bundle brought 1 file’s clock offset set since.',
    )
  })

  it('says what a newer bundle took out, removed there since, after or without what it brought', () => {
    expect(importNotice(newer({ removed: { artifacts: 1, findings: 0, citations: 2 } }))).toBe(
      '“Checkout 502” was in this workspace already: the bundle took out 1 file and 2 citations removed there since.',
    )
    expect(importNotice(newer({ findings: 1, removed: { artifacts: 0, findings: 1, citations: 0 } }))).toBe(
      '“Checkout 502” was in this workspace already: the bundle brought 1 new finding, and took out 1 finding removed there since.',
    )
  })

  it('names the runbooks edited in both places, and which text is current', () => {
    expect(importNotice(newer({ runbooks: 1 }))).toBe(
      '“Checkout 502” was in this workspace already: the bundle brought 1 runbook saved there.',
    )
    const inBoth = [
      { title: 'Payments 502', current: 'bundle' as const },
      { title: 'Cart slow', current: 'bundle' as const },
      { title: 'Inventory', current: 'here' as const },
    ]
    expect(importNotice(newer({ findings: 1, runbooks: 3, runbooksEditedInBoth: inBoth }))).toBe(
      '“Checkout 502” was in this workspace already: the bundle brought 1 new finding and 3 runbooks saved there. “Payments 502” and “Cart slow” had been edited here too: the bundle’s later text is current, the one from here a revision. “Inventory” had been edited here later: the text from here stays current, the bundle’s is a revision.',
    )
  })

  it('says when the incident came in beside another of the same title', () => {
    expect(importNotice({ incident, artifacts: [], sameTitleAsAnother: true, merged: { ...NOTHING, artifacts: 2, findings: 1 } })).toBe(
      'Another incident here is titled “Checkout 502” too. Both are kept: rename one to tell them apart.',
    )
  })

  it('names the files the incident had already, which were not imported again', () => {
    expect(importNotice({ incident, artifacts: [], alreadyHere: ['checkout.otlp.json'] })).toBe(
      '“checkout.otlp.json” was in “Checkout 502” already (the same content): not imported again.',
    )
    expect(importNotice({ incident, artifacts: [], alreadyHere: ['a.json', 'b.json'] })).toBe('“a.json” and “b.json” were in “Checkout 502” already (the same content): not imported again.')
  })

  it('says what a first import of a bundle brought, and nothing of files imported (the incident shows them)', () => {
    expect(importNotice({ incident, artifacts: [], merged: { ...NOTHING, artifacts: 2, findings: 1, runbooks: 1 } })).toBe('Imported “Checkout 502” from the bundle: 2 files, 1 finding and 1 runbook.')
    expect(importNotice({ incident, artifacts: [] })).toBeNull()
  })
})
