package id.aglis.hub.dispatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The gateway's id sequence across processes: each test sequence stands for one run of the sandbox. */
class ProviderIdsTest {

  private static final long NOW = 1_770_000_000_000L;

  @Test
  @DisplayName("a process started later begins above every id an earlier one issued, even a busy one")
  void laterProcessStartsAbove() {
    AtomicLong clock = new AtomicLong(NOW);
    ProviderIds first = new ProviderIds(clock::get);
    List<Long> issued = new ArrayList<>();
    // A burst of 20,000 ids within one millisecond runs 20 ms ahead of the clock, and 10 s more of ordinary traffic.
    for (int i = 0; i < 20_000; i++) {
      issued.add(Long.parseLong(first.next()));
    }
    for (int ms = 0; ms < 10_000; ms++) {
      clock.incrementAndGet();
      issued.add(Long.parseLong(first.next()));
    }
    // The restart takes a second (a JVM takes longer than that to start).
    ProviderIds restarted = new ProviderIds(() -> clock.get() + 1_000);

    long firstAfterRestart = Long.parseLong(restarted.next());

    assertThat(issued).doesNotHaveDuplicates().isSorted();
    assertThat(firstAfterRestart).isGreaterThan(issued.get(issued.size() - 1));
  }

  @Test
  @DisplayName("ids keep growing when the clock stands still, and fit a JavaScript number")
  void growsWithoutTheClock() {
    ProviderIds ids = new ProviderIds(() -> NOW);

    long a = Long.parseLong(ids.next());
    long b = Long.parseLong(ids.next());

    assertThat(b).isEqualTo(a + 1);
    assertThat(a).isEqualTo(NOW * 1_000).isLessThan(1L << 53);
  }
}
