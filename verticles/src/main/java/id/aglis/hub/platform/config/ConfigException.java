package id.aglis.hub.platform.config;

/** A configuration value is missing or wrong; the message names the key (or environment variable). */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
