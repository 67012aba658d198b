package dev.onair.operator.telemetry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.HashSet;
import java.util.Set;

/** Turns a poller's news into reconcile events for the owning resources. */
public final class TelemetryEventSource<S, P extends HasMetadata>
    extends AbstractEventSource<S, P> {
  private final TelemetryPoller<S> poller;

  public TelemetryEventSource(String name, Class<S> type, TelemetryPoller<S> poller) {
    super(type, name);
    this.poller = poller;
  }

  @Override
  public void start() {
    poller.onNews(this::news);
    super.start();
  }

  private void news(ResourceID owner) {
    if (isRunning()) {
      getEventHandler().handleEvent(new Event(owner));
    }
  }

  @Override
  public Set<S> getSecondaryResources(P primary) {
    return new HashSet<>(poller.readings(ResourceID.fromResource(primary)).values());
  }
}
