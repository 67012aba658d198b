package dev.onair.apiserver.auth;

/**
 * RBAC's answer: allowed or not, and the reason a SubjectAccessReview reports ({@code RBAC: allowed
 * by RoleBinding "x/ns" of Role "y" to User "alice"}; empty when nothing allowed it and no binding
 * was broken).
 */
public record Decision(boolean allowed, String reason) {}
