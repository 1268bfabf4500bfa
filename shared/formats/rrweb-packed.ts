import { strFromU8, strToU8, unzlibSync } from 'fflate'
import { FormatError } from './errors'

/**
 * One event compressed by @rrweb/packer: zlib over the event's JSON with `v: "v1"`, as a binary
 * string. Decoded here with fflate (the packer's own codec) rather than the packer's `unpack`,
 * which writes to the console on bad input and would garble the CLI's one-line errors.
 */
export function unpackEvent(packed: string, where: string): unknown {
  let event: { v?: unknown }
  try {
    event = JSON.parse(strFromU8(unzlibSync(strToU8(packed, true))))
  } catch {
    throw new FormatError(`${where} is a string but not an event packed by @rrweb/packer`)
  }
  if (event?.v !== 'v1') throw new FormatError(`${where} was packed by an unsupported packer version (${JSON.stringify(event?.v)})`)
  return event
}
