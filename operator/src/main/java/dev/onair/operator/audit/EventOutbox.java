package dev.onair.operator.audit;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events are the audit outbox. Every record becomes an Event with a deterministic name
 * on the resource it is about, carrying the whole record in an annotation; creating it twice
 * answers 409 and changes nothing. After a restart the operator lists these Events and writes them
 * to PostgreSQL again, idempotently, so a record that existed only in memory is not lost.
 */
public class EventOutbox {
  static final String LABEL = "audit.onair.dev/record";
  static final String LABEL_VALUE = "v1";
  static final String ANNOTATION = "audit.onair.dev/record";
  static final String COMPONENT = "onair-operator";
  private static final Logger LOG = Logger.getLogger(EventOutbox.class);
  private static final int MAX_MESSAGE = 1000;

  private final KubernetesClient client;
  private final List<String> namespaces;
  private final Queue<Pending> unpublished = new ConcurrentLinkedQueue<>();

  public EventOutbox(KubernetesClient client) {
    this(client, List.of());
  }

  /**
   * @param namespaces the namespaces the operator watches; empty means all. A namespaced install
   *     has Roles only, so replay must list Events namespace by namespace.
   */
  public EventOutbox(KubernetesClient client, List<String> namespaces) {
    this.client = client;
    this.namespaces = List.copyOf(namespaces);
  }

  private record Pending(AuditRecord record, String apiVersion) {}

  /** Creates the record's Event; when the API server refuses, keeps it to try again later. */
  public void publish(HasMetadata resource, AuditRecord record) {
    if (!create(record, resource.getApiVersion())) {
      unpublished.add(new Pending(record, resource.getApiVersion()));
    }
  }

  /** Tries the Events that could not be created before; returns how many are still waiting. */
  public int retryUnpublished() {
    for (int i = unpublished.size(); i > 0; i--) {
      Pending p = unpublished.poll();
      if (p != null && !create(p.record(), p.apiVersion())) {
        unpublished.add(p);
        break;
      }
    }
    return unpublished.size();
  }

  public int unpublished() {
    return unpublished.size();
  }

  /** Every audit record still held by an Event in the cluster (Events expire after about 1 h). */
  public List<AuditRecord> replay() {
    List<AuditRecord> records = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    if (namespaces.isEmpty()) {
      events.addAll(
          client.v1().events().inAnyNamespace().withLabel(LABEL, LABEL_VALUE).list().getItems());
    } else {
      for (String namespace : namespaces) {
        events.addAll(
            client
                .v1()
                .events()
                .inNamespace(namespace)
                .withLabel(LABEL, LABEL_VALUE)
                .list()
                .getItems());
      }
    }
    for (Event event : events) {
      String json =
          event.getMetadata().getAnnotations() == null
              ? null
              : event.getMetadata().getAnnotations().get(ANNOTATION);
      if (json == null) {
        continue;
      }
      try {
        records.add(AuditRecord.fromJson(json));
      } catch (IllegalArgumentException e) {
        LOG.warnf("audit: skipping unreadable Event %s", event.getMetadata().getName());
      }
    }
    records.sort(
        java.util.Comparator.comparing(AuditRecord::occurredAt)
            .thenComparing(AuditRecord::ordinal));
    return records;
  }

  /** The Event name: the object's name and the record's id, so one transition has one Event. */
  static String eventName(AuditRecord r) {
    String prefix = r.name().length() > 200 ? r.name().substring(0, 200) : r.name();
    return prefix + "." + r.eventId().substring(0, 16);
  }

  static Event toEvent(AuditRecord r, String apiVersion) {
    String time = r.occurredAt().truncatedTo(ChronoUnit.SECONDS).toString();
    String message =
        r.message().length() > MAX_MESSAGE ? r.message().substring(0, MAX_MESSAGE) : r.message();
    return new EventBuilder()
        .withNewMetadata()
        .withName(eventName(r))
        .withNamespace(r.namespace())
        .addToLabels(LABEL, LABEL_VALUE)
        .addToLabels("app.kubernetes.io/managed-by", COMPONENT)
        .addToAnnotations(ANNOTATION, r.toJson())
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(apiVersion)
        .withKind(r.kind())
        .withNamespace(r.namespace())
        .withName(r.name())
        .withUid(r.uid())
        .endInvolvedObject()
        .withReason(r.reason())
        .withMessage(message)
        .withType(r.warning() ? "Warning" : "Normal")
        .withAction(r.reason())
        .withFirstTimestamp(time)
        .withLastTimestamp(time)
        .withCount(1)
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .withReportingComponent(COMPONENT)
        .build();
  }

  private boolean create(AuditRecord record, String apiVersion) {
    try {
      client.v1().events().resource(toEvent(record, apiVersion)).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return true; // already recorded: a retry or a replay of the same transition
      }
      LOG.debugf("audit: cannot create Event %s yet: %s", eventName(record), e.getMessage());
      return false;
    } catch (RuntimeException e) {
      LOG.debugf("audit: cannot create Event %s yet: %s", eventName(record), e.getMessage());
      return false;
    }
  }
}
