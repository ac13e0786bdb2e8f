package id.aglis.hub.installation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A photo's type is what its first bytes say, whatever the request claimed. */
class PhotosTest {

  private static Buffer bytes(int... values) {
    Buffer buffer = Buffer.buffer();
    for (int v : values) {
      buffer.appendByte((byte) v);
    }
    return buffer;
  }

  @Test
  @DisplayName("JPEG, PNG and WebP by their signatures")
  void images() {
    assertThat(Photos.sniff(bytes(0xFF, 0xD8, 0xFF, 0xDB, 0x00))).isEqualTo("image/jpeg");
    assertThat(Photos.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).isEqualTo("image/png");
    assertThat(Photos.sniff(bytes('R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '))).isEqualTo("image/webp");
  }

  @Test
  @DisplayName("anything else is no image of ours: other RIFF files, SVG, HTML, truncated signatures, nothing")
  void notImages() {
    assertThat(Photos.sniff(bytes('R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'A', 'V', 'E'))).isNull();
    assertThat(Photos.sniff(Buffer.buffer("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", StandardCharsets.UTF_8.name())))
        .isNull();
    assertThat(Photos.sniff(Buffer.buffer("<html><script>alert(1)</script>"))).isNull();
    assertThat(Photos.sniff(bytes(0xFF, 0xD8))).isNull();
    assertThat(Photos.sniff(bytes(0x89, 'P', 'N', 'G'))).isNull();
    assertThat(Photos.sniff(bytes('R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B'))).isNull();
    assertThat(Photos.sniff(Buffer.buffer())).isNull();
  }
}
