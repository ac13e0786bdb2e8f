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
  void laterIdsSortLater() {
    List<String> made = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int i = 0; i < 1_000; i++) {
      // Each a millisecond after the last; the random bits after the time must not undo the order.
      made.add(TimeOrderedIds.at(now + i).toString());
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
