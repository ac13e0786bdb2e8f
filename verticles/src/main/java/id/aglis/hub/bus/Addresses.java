package id.aglis.hub.bus;

/**
 * Every event-bus address the hub uses: the contract between verticles and nodes, in one place.
 *
 * <p>Names are lower-case {@code <area>.<entity>.<verb|event>}; bodies are camelCase JSON. Addresses that a
 * browser may see through the SockJS bridge start with {@code ui.}, and only those.
 */
public final class Addresses {

  private Addresses() {
  }

  /**
   * Publish. A node finished starting. Body: {@code {"nodeId","clustered","startedAt"}}.
   * Live dashboards and the cluster tests listen for it.
   */
  public static final String SYSTEM_NODE_STARTED = "system.node.started";

  /** Publish. A node began a graceful shutdown. Body: {@code {"nodeId"}}. */
  public static final String SYSTEM_NODE_STOPPING = "system.node.stopping";

  /**
   * Publish. An administrative change or security event was written to the audit log.
   * Body: the audit entry ({@code {"id","at","actorKind","actorName","action","targetKind","targetId"}}).
   */
  public static final String AUDIT_ENTRY_RECORDED = "audit.entry.recorded";
}
