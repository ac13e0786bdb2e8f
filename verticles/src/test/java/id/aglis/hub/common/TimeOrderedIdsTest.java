package id.aglis.hub.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

  @Test
  @DisplayName("ids are version 7 UUIDs carrying the time they were made")
  void version7WithTheTime() {
    long before = System.currentTimeMillis();
    UUID id = TimeOrderedIds.next();
    long after = System.currentTimeMillis();
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
  }

  @Test
  @DisplayName("ids made in later milliseconds sort after earlier ones, as text and as PostgreSQL compares them")
  void laterIdsSortLater() throws InterruptedException {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(TimeOrderedIds.next().toString());
      Thread.sleep(2);
    }
    assertThat(made).isSorted();
  }

  @Test
  @DisplayName("ids made in the same millisecond still differ")
  void unique() {
    HashSet<UUID> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(TimeOrderedIds.next());
    }
    assertThat(ids).hasSize(100_000);
  }
}
