/**
 * The OnAir API, group {@code streaming.onair.dev}, version {@code v1alpha1}: LiveStream, Endpoint
 * and Restream. Depends on nothing of the controller; the CRDs under {@code crds/} are generated
 * from these classes.
 */
package dev.onair.api.v1alpha1;
