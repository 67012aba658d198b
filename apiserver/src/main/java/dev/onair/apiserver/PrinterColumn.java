package dev.onair.apiserver;

/**
 * One column of {@code kubectl get}: a CRD's {@code additionalPrinterColumns} entry, or one of the
 * columns kube-apiserver prints for a built-in kind ({@code jsonPath} is then null and the table
 * printer computes the cell).
 */
public record PrinterColumn(
    String name, String type, String format, String description, int priority, String jsonPath) {}
