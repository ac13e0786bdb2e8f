package id.aglis.hub.testing;

/** Reading a {@code /metrics} scrape (Prometheus text) in tests. */
public final class Scrape {

  private Scrape() {
  }

  /** The sum of every sample of the series {@code name} (all its label sets); 0 when it has none. */
  public static double sum(String scrape, String name) {
    return scrape.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
