import { plural } from '../format/numbers'
import { servicesAcross, type TraceArtifact } from '../panes/artifacts'
import { EmptyState } from '../panes/EmptyState'
import { Pane } from '../panes/Pane'
import { ServiceChip } from '../traces/ServiceChip'

/** For now: the services the traces mention. The derived call diagram replaces this list. */
export function DiagramPane({ traces }: { traces: readonly TraceArtifact[] }) {
  const services = servicesAcross(traces)
  return (
    <Pane
      title="Diagram"
      testId="pane-diagram"
      summary={services.length > 0 && <span data-testid="diagram-service-count">{plural(services.length, 'service')}</span>}
    >
      {services.length === 0 ? (
        <EmptyState title="No services yet" testId="diagram-empty" offerImport={false}>
          Services appear here once traces are imported.
        </EmptyState>
      ) : (
        <div className="diagram-placeholder">
          <ul className="service-list" aria-label="Services">
            {services.map((service) => (
              <li key={service.name} className="service-list-item" data-testid="diagram-service">
                <ServiceChip name={service.name} />
                {service.files < traces.length && (
                  <span className="service-list-detail">
                    in {service.files} of {plural(traces.length, 'file')}
                  </span>
                )}
              </li>
            ))}
          </ul>
          <p className="diagram-note">The derived service diagram comes next: calls between these services, drawn from the spans.</p>
        </div>
      )}
    </Pane>
  )
}
