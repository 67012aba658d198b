package dev.onair.operator.access;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks the Kubernetes API who a bearer token belongs to (TokenReview) and whether that user may do
 * something (SubjectAccessReview), the way kube-apiserver's own delegated authentication does for
 * aggregated servers. Answers are remembered for {@link #TTL}: a revoked token or RoleBinding is
 * honoured within that time, and a burst of requests costs the API one review each.
 */
@ApplicationScoped
public class AccessReviews {
  /** How long an answer is trusted; kube's delegated authorizer caches allowed answers 10 s too. */
  public static final Duration TTL = Duration.ofSeconds(10);

  private static final int MAX_ENTRIES = 10_000;

  /** One permission question. */
  public record Question(
      String verb, String group, String resource, String namespace, Caller caller) {}

  private final KubernetesClient client;
  private final List<String> audiences;
  // Keyed by the token's SHA-256, so the heap never holds tokens themselves.
  private final ExpiringCache<String, Optional<Caller>> callers;
  private final ExpiringCache<Question, Boolean> answers;

  /**
   * @param audiences when set ({@code onair.history.token-audiences}), only tokens issued for one
   *     of them are accepted, e.g. from {@code kubectl create token --audience onair-history}: such
   *     a token is worthless against the API server itself if it leaks on the way to the operator
   */
  @Inject
  public AccessReviews(
      KubernetesClient client,
      @ConfigProperty(name = "onair.history.token-audiences") Optional<List<String>> audiences) {
    this(client, audiences.orElse(List.of()), TTL, System::nanoTime);
  }

  AccessReviews(KubernetesClient client, List<String> audiences, Duration ttl, LongSupplier clock) {
    this.client = client;
    this.audiences = List.copyOf(audiences);
    this.callers = new ExpiringCache<>(ttl, MAX_ENTRIES, clock);
    this.answers = new ExpiringCache<>(ttl, MAX_ENTRIES, clock);
  }

  /** The token's user, or empty when the API does not know the token. */
  public Optional<Caller> authenticate(String token) throws ReviewUnavailable {
    String key = sha256(token);
    Optional<Optional<Caller>> known = callers.get(key);
    if (known.isPresent()) {
      return known.get();
    }
    TokenReview review;
    try {
      review =
          client
              .authentication()
              .v1()
              .tokenReviews()
              .create(
                  new TokenReviewBuilder()
                      .withNewSpec()
                      .withToken(token)
                      .withAudiences(audiences.isEmpty() ? null : audiences)
                      .endSpec()
                      .build());
    } catch (KubernetesClientException e) {
      throw new ReviewUnavailable("the Kubernetes API did not answer a TokenReview", e);
    }
    Optional<Caller> caller = callerOf(review, audiences);
    callers.put(key, caller);
    return caller;
  }

  /** Whether the caller may do {@code verb} on {@code resource} in {@code namespace} ("" = all). */
  public boolean may(Question q) throws ReviewUnavailable {
    Optional<Boolean> known = answers.get(q);
    if (known.isPresent()) {
      return known.get();
    }
    SubjectAccessReview review;
    try {
      review =
          client
              .authorization()
              .v1()
              .subjectAccessReview()
              .create(
                  new SubjectAccessReviewBuilder()
                      .withNewSpec()
                      .withUser(q.caller().username())
                      .withUid(q.caller().uid())
                      .withGroups(q.caller().groups())
                      .withExtra(q.caller().extra())
                      .withNewResourceAttributes()
                      .withVerb(q.verb())
                      .withGroup(q.group())
                      .withResource(q.resource())
                      .withNamespace(q.namespace())
                      .endResourceAttributes()
                      .endSpec()
                      .build());
    } catch (KubernetesClientException e) {
      throw new ReviewUnavailable("the Kubernetes API did not answer a SubjectAccessReview", e);
    }
    boolean allowed =
        review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
    answers.put(q, allowed);
    return allowed;
  }

  private static Optional<Caller> callerOf(TokenReview review, List<String> audiences) {
    if (review.getStatus() == null
        || !Boolean.TRUE.equals(review.getStatus().getAuthenticated())
        || review.getStatus().getUser() == null) {
      return Optional.empty();
    }
    // An API server that ignores audiences answers without them: not good enough when asked.
    List<String> granted = review.getStatus().getAudiences();
    if (!audiences.isEmpty()
        && (granted == null || granted.stream().noneMatch(audiences::contains))) {
      return Optional.empty();
    }
    UserInfo user = review.getStatus().getUser();
    List<String> groups = user.getGroups() == null ? List.of() : user.getGroups();
    Map<String, List<String>> extra = user.getExtra() == null ? Map.of() : user.getExtra();
    return Optional.of(new Caller(user.getUsername(), user.getUid(), groups, extra));
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
