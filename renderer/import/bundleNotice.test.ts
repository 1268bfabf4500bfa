import { describe, expect, it } from 'vitest'
import { bundleNotice } from './bundleNotice'

const incident = { id: 1, title: 'Checkout 502' }

describe('bundleNotice', () => {
  it('says what a newer bundle of an incident already here brought, or that it brought nothing', () => {
    expect(bundleNotice({ incident, artifacts: [], alreadyPresent: true, merged: { artifacts: 1, findings: 2, updatedFindings: 1 } })).toBe(
      '“Checkout 502” was in this workspace already: the bundle brought 2 new findings, 1 finding edited since and 1 file.',
    )
    expect(bundleNotice({ incident, artifacts: [], alreadyPresent: true, merged: { artifacts: 0, findings: 1, updatedFindings: 0 } })).toBe(
      '“Checkout 502” was in this workspace already: the bundle brought 1 new finding.',
    )
    expect(bundleNotice({ incident, artifacts: [], alreadyPresent: true, merged: { artifacts: 0, findings: 0, updatedFindings: 0 } })).toBe(
      '“Checkout 502” is in this workspace already, and the bundle holds nothing newer.',
    )
  })

  it('says nothing of a first import', () => {
    expect(bundleNotice({ incident, artifacts: [], merged: { artifacts: 2, findings: 1, updatedFindings: 0 } })).toBeNull()
    expect(bundleNotice({ incident, artifacts: [] })).toBeNull()
  })
})
