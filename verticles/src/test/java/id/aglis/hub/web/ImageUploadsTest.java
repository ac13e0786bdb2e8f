package id.aglis.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A photo's type is what its first bytes say, whatever the request claimed; its name is made safe. */
class ImageUploadsTest {

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
    assertThat(ImageUploads.sniff(bytes(0xFF, 0xD8, 0xFF, 0xDB, 0x00))).isEqualTo("image/jpeg");
    assertThat(ImageUploads.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).isEqualTo("image/png");
    assertThat(ImageUploads.sniff(bytes('R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '))).isEqualTo("image/webp");
  }

  @Test
  @DisplayName("anything else is no image of ours: other RIFF files, SVG, HTML, truncated signatures, nothing")
  void notImages() {
    assertThat(ImageUploads.sniff(bytes('R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'A', 'V', 'E'))).isNull();
    assertThat(ImageUploads.sniff(Buffer.buffer("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", StandardCharsets.UTF_8.name())))
        .isNull();
    assertThat(ImageUploads.sniff(Buffer.buffer("<html><script>alert(1)</script>"))).isNull();
    assertThat(ImageUploads.sniff(bytes(0xFF, 0xD8))).isNull();
    assertThat(ImageUploads.sniff(bytes(0x89, 'P', 'N', 'G'))).isNull();
    assertThat(ImageUploads.sniff(bytes('R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B'))).isNull();
    assertThat(ImageUploads.sniff(Buffer.buffer())).isNull();
  }

  @Test
  @DisplayName("a stored name has no path, no odd characters, and the extension of what the bytes are")
  void filenames() {
    assertThat(ImageUploads.filename("../../etc/passwd.png", "image/jpeg")).isEqualTo("passwd.jpg");
    assertThat(ImageUploads.filename("C:\\foto\\modem rusak.PNG", "image/png")).isEqualTo("modem rusak.png");
    assertThat(ImageUploads.filename("<script>x\".webp", "image/webp")).isEqualTo("_script_x_.webp");
    assertThat(ImageUploads.filename(null, "image/png")).isEqualTo("foto.png");
    assertThat(ImageUploads.filename("a".repeat(300), "image/jpeg")).hasSize(94);
  }
}
