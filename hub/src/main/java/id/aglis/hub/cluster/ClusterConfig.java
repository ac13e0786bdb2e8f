package id.aglis.hub.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.XmlConfigBuilder;
import id.aglis.hub.config.HubConfig;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Builds the Hazelcast cluster manager from {@code cluster.xml} plus the member list and port of the
 * hub's configuration. When every member is on loopback the node binds loopback only, so a one-machine
 * cluster is never visible on the network.
 */
public final class ClusterConfig {

  private ClusterConfig() {
  }

  public static HazelcastClusterManager clusterManager(HubConfig.Cluster cluster) {
    return new HazelcastClusterManager(hazelcast(cluster));
  }

  public static Config hazelcast(HubConfig.Cluster cluster) {
    Config config;
    try (InputStream xml = ClusterConfig.class.getResourceAsStream("/cluster.xml")) {
      if (xml == null) {
        throw new IllegalStateException("cluster.xml is missing from the jar");
      }
      config = new XmlConfigBuilder(xml).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    config.getNetworkConfig().setPort(cluster.port());
    config.getNetworkConfig().getJoin().getTcpIpConfig().setMembers(cluster.members());
    if (cluster.publicHost() != null) {
      config.getNetworkConfig().setPublicAddress(cluster.publicHost());
    }
    if (loopbackOnly(cluster)) {
      config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
      config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    }
    return config;
  }

  /** True when every member is on this machine's loopback: then nothing binds a network interface. */
  public static boolean loopbackOnly(HubConfig.Cluster cluster) {
    return cluster.members().stream().map(m -> m.contains(":") && !m.startsWith("[") ? m.substring(0, m.indexOf(':')) : m)
        .allMatch(host -> host.equals("127.0.0.1") || host.equals("localhost"));
  }
}
