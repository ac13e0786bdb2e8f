package id.aglis.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestsTest {

  @Test
  @DisplayName("rate limits count an IPv4 address by itself and an IPv6 address by its /64, however it is written")
  void networks() {
    assertThat(Requests.networkOf("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(Requests.networkOf("2001:db8:12:34::1")).isEqualTo("2001:db8:12:34::/64");
    assertThat(Requests.networkOf("2001:0db8:0012:0034:ffff:0:0:9")).isEqualTo("2001:db8:12:34::/64");
    assertThat(Requests.networkOf("[2001:db8:12:35::1]")).isEqualTo("2001:db8:12:35::/64");
    assertThat(Requests.networkOf("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
    assertThat(Requests.networkOf("unknown")).isEqualTo("unknown");
  }
}
