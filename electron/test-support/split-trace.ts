import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

// The checkout run's traces as two services' exporters would send them: the gateway's spans to a
// Zipkin collector, every other service's as OTLP. Both files are cut from the generated fixtures
// (real SDK output), so each trace of the run has spans in both and its root in the gateway's.

const data = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data')
const GATEWAY = 'api-gateway'

interface OtlpRequest {
  resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> } }>
}

const serviceOf = (resource: OtlpRequest['resourceSpans'][number]['resource']) => resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue

const checkoutOtlp = () => JSON.parse(readFileSync(join(data, 'checkout.otlp.json'), 'utf8')) as OtlpRequest

/** Writes `gateway.zipkin.json` and `services.otlp.json` into `dir`; returns their paths. */
export function writeSplitCheckoutTraces(dir: string): { gateway: string; services: string } {
  const zipkin = JSON.parse(readFileSync(join(data, 'checkout.zipkin.json'), 'utf8')) as Array<{ localEndpoint?: { serviceName?: string } }>
  const otlp = checkoutOtlp()
  const gateway = join(dir, 'gateway.zipkin.json')
  const services = join(dir, 'services.otlp.json')
  writeFileSync(gateway, JSON.stringify(zipkin.filter((span) => span.localEndpoint?.serviceName === GATEWAY)))
  writeFileSync(services, JSON.stringify({ resourceSpans: otlp.resourceSpans.filter((resourceSpans) => serviceOf(resourceSpans.resource) !== GATEWAY) }))
  return { gateway, services }
}

/**
 * Writes the checkout run's OTLP file as a collector that lost `service`'s spans has it, into
 * `dir`; returns its path. The spans `service` called start trees of their own: its traces are in pieces.
 */
export function writeCheckoutTracesWithout(dir: string, service: string): string {
  const otlp = checkoutOtlp()
  const path = join(dir, `without-${service}.otlp.json`)
  writeFileSync(path, JSON.stringify({ resourceSpans: otlp.resourceSpans.filter((resourceSpans) => serviceOf(resourceSpans.resource) !== service) }))
  return path
}
