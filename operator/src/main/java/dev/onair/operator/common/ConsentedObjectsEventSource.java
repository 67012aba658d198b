package dev.onair.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;
import java.util.function.Function;

/**
 * One controller's view of {@link ConsentedObjects}: a change to a consented Secret or ConfigMap
 * reconciles the primaries that reference it. The objects themselves are read from the shared
 * caches, so this source holds nothing.
 */
public final class ConsentedObjectsEventSource<P extends HasMetadata>
    extends AbstractEventSource<HasMetadata, P> {
  private final ConsentedObjects objects;
  private final Function<HasMetadata, Set<ResourceID>> users;

  public ConsentedObjectsEventSource(
      String name, ConsentedObjects objects, Function<HasMetadata, Set<ResourceID>> users) {
    super(HasMetadata.class, name);
    this.objects = objects;
    this.users = users;
  }

  @Override
  public void start() {
    objects.onChange(this::changed);
    objects.start();
    super.start();
  }

  private void changed(HasMetadata object) {
    if (isRunning()) {
      users.apply(object).forEach(id -> getEventHandler().handleEvent(new Event(id)));
    }
  }

  @Override
  public Set<HasMetadata> getSecondaryResources(P primary) {
    return Set.of();
  }
}
