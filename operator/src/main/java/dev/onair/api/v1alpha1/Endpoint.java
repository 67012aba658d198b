package dev.onair.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A destination (YouTube, Twitch, Facebook, X or any RTMP(S)/SRT server). Plural {@code
 * streamendpoints}: core {@code endpoints} would shadow it in kubectl.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Plural("streamendpoints")
@Singular("streamendpoint")
@ShortNames({"sep"})
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(
    name = "Platform",
    jsonPath = ".spec.platform",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "URL",
    jsonPath = ".spec.url",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Message",
    jsonPath = ".status.message",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Endpoint extends CustomResource<EndpointSpec, EndpointStatus> implements Namespaced {}
