package dev.onair.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels every owned object carries; informers select on {@link #MANAGED_SELECTOR}. */
public final class Labels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OPERATOR = "onair-operator";
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

  private Labels() {}

  /** Labels for an object of {@code component} owned by {@code owner}. */
  public static Map<String, String> forComponent(HasMetadata owner, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "onair-" + component);
    labels.put(INSTANCE, Names.labelValue(owner.getMetadata().getName()));
    labels.put(COMPONENT, component);
    labels.put(PART_OF, "onair");
    labels.put(MANAGED_BY, OPERATOR);
    return labels;
  }

  /** The subset that selects the pods of one owner and component (Service selectors). */
  public static Map<String, String> selector(HasMetadata owner, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(INSTANCE, Names.labelValue(owner.getMetadata().getName()));
    labels.put(COMPONENT, component);
    labels.put(MANAGED_BY, OPERATOR);
    return labels;
  }
}
