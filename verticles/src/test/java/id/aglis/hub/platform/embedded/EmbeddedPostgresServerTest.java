package id.aglis.hub.platform.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import id.aglis.hub.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * The bundled PostgreSQL is the system of record: what it commits must be on disk. The embedding library
 * starts it with fsync off (its -F switch, meant for throwaway test databases), which our configuration
 * overrides; this guards that override.
 */
class EmbeddedPostgresServerTest {

  @Test
  void commitsReachTheDiskBeforeTheyAreAcknowledged() throws Exception {
    String uri = TestServers.newDatabase("durability");
    try (Connection c = DriverManager.getConnection("jdbc:" + uri.replace("postgres@", ""), "postgres", "")) {
      assertEquals("on", setting(c, "fsync"));
      assertEquals("on", setting(c, "synchronous_commit"));
      assertEquals("on", setting(c, "full_page_writes"));
    }
  }

  private static String setting(Connection c, String name) throws Exception {
    try (ResultSet rs = c.createStatement().executeQuery("show " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
