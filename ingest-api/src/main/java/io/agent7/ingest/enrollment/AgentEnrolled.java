package io.agent7.ingest.enrollment;

/**
 * Published once an agent has enrolled: its host belongs to the group of the site key it used,
 * a machine that enrolls again with another group's key included.
 */
public record AgentEnrolled(String agentId, String hostId, String group) {}
