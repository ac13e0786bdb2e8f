package id.aglis.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.common.Phones;
import id.aglis.hub.identity.CustomerRepository;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoSeederTest {

  @Test
  @DisplayName("demo customers have unique numbers and valid, already-normalised WhatsApp numbers")
  void demoCustomersAreValid() {
    List<CustomerRepository.NewCustomer> customers = DemoSeeder.customers("hash");
    assertThat(customers).hasSize(DemoSeeder.CUSTOMERS);
    assertThat(new HashSet<>(customers.stream().map(CustomerRepository.NewCustomer::customerNo).toList())).hasSize(DemoSeeder.CUSTOMERS);
    assertThat(new HashSet<>(customers.stream().map(CustomerRepository.NewCustomer::phone).toList())).hasSize(DemoSeeder.CUSTOMERS);
    for (CustomerRepository.NewCustomer c : customers) {
      assertThat(Phones.normalise(c.phone())).as(c.phone()).contains(c.phone());
    }
  }

  @Test
  @DisplayName("demo staff cover every role")
  void staffCoverEveryRole() {
    assertThat(java.util.Arrays.stream(DemoSeeder.STAFF).map(s -> s[2]).toList())
        .containsExactlyInAnyOrder("admin", "supervisor", "cs", "noc", "technician");
  }
}
